package io.poolrescue.cli.commands;

import io.poolrescue.activities.lock.LockNames;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Identity;
import io.poolrescue.cli.Json;
import io.poolrescue.cli.OpenRuns;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.cli.options.OutputOptions;
import io.poolrescue.cli.render.GateText;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowQueryException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "gates",
    mixinStandardHelpOptions = true,
    description = {
      "List the open approval gates of every running run, child runs included.",
      "Each gate is shown in full: action, targets, why, evidence, fingerprint, how to decide.",
      "Exit code 0 even when there is none; --json prints [] then."
    })
public class GatesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TemporalOptions temporal;
  @Mixin OutputOptions output;

  /** An open gate and the run it belongs to: what {@code approve} needs. */
  public record OpenGate(String workflowId, String procedure, GateView gate) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalSession session = TemporalSession.open(temporal, Identity.resolve(null))) {
      List<String> silent = new java.util.ArrayList<>();
      List<OpenGate> open = collect(session, silent);
      for (String id : silent) {
        spec.commandLine().getErr().println("poolrescue: warning: no worker answered the status query of " + id
            + "; its gates are not listed");
      }
      if (output.json) {
        out.println(Json.write(open));
      } else if (open.isEmpty()) {
        out.println("no open gates");
      } else {
        for (OpenGate g : open) {
          out.println(g.procedure() + " " + g.workflowId());
          GateText.render(g.workflowId(), g.gate()).forEach(l -> out.println("  " + l));
          out.println();
        }
      }
    }
    return ExitCode.OK;
  }

  /** @param silent receives the ids of runs whose query no worker answered */
  public static List<OpenGate> collect(TemporalSession session, List<String> silent) {
    Set<String> ids = new LinkedHashSet<>();
    for (WorkflowExecutionInfo info : OpenRuns.list(session)) {
      if (!info.getType().getName().equals(LockNames.WORKFLOW_TYPE)) { // a pool lock has no gates
        ids.add(info.getExecution().getWorkflowId());
      }
    }
    List<OpenGate> open = new ArrayList<>();
    for (String id : ids) {
      RunStatus status;
      try {
        status = session.run(id).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
      } catch (WorkflowQueryException e) {
        continue; // not a poolrescue run: it has no "status" query
      } catch (WorkflowException | io.grpc.StatusRuntimeException e) {
        silent.add(id); // no worker answered (restarting), or it closed meanwhile
        continue;
      }
      status.openGates().forEach(g -> open.add(new OpenGate(id, status.procedure(), g)));
    }
    return open;
  }
}
