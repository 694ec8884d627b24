package io.poolrescue.cli.commands;

import io.grpc.StatusRuntimeException;
import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.ErrorReport;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Identity;
import io.poolrescue.cli.Json;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.cli.options.OutputOptions;
import io.poolrescue.cli.render.StatusText;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a run: steps with timings, progress, open gates with their full text, operations applied.")
public class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TemporalOptions temporal;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "WORKFLOW_ID", description = "The run's workflow id (printed by 'start')")
  String workflowId;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalSession session = TemporalSession.open(temporal, Identity.resolve(null))) {
      WorkflowStub stub = session.run(workflowId);
      String execution = ExecutionStatusText.of(stub.describe().getStatus());
      RunStatus status;
      try {
        status = stub.query(RecoveryRun.STATUS_QUERY, RunStatus.class);
      } catch (WorkflowNotFoundException e) {
        throw e;
      } catch (WorkflowException | StatusRuntimeException e) {
        // The run is durable but only a worker can answer the query (e.g. one is restarting after a crash).
        String why = ErrorReport.of(e).line();
        if (output.json) {
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("workflowId", workflowId);
          doc.put("execution", execution);
          doc.put("status", null);
          doc.put("error", why);
          out.println(Json.write(doc));
        } else {
          out.println(workflowId + "  [" + execution + "]  status unavailable: " + why);
        }
        throw CliFailure.unreachable("no worker answered the status query of " + workflowId
            + " (is a poolrescue worker polling task queue pool-recovery?)");
      }
      if (output.json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workflowId", workflowId);
        doc.put("execution", execution);
        doc.put("status", status);
        out.println(Json.write(doc));
      } else {
        StatusText.render(workflowId, execution, status, Instant.now()).forEach(out::println);
      }
    }
    return ExitCode.OK;
  }
}
