package io.poolrescue.launcher.demo;

import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Json;
import io.poolrescue.cli.LogSetup;
import io.poolrescue.cli.Procedure;
import io.poolrescue.cli.RunFollower;
import io.poolrescue.cli.RunOutcomes;
import io.poolrescue.cli.RunStarter;
import io.poolrescue.cli.SignedRequests;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.cli.render.Clock;
import io.poolrescue.cli.render.PoolText;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.client.admin.PoolSummary;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.devstack.DevStack;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.client.WorkflowClient;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One demo: dev stack up, pool before, fault, run followed gate by gate, pool after, verdict. */
public final class DemoRun {
  private final PrintWriter out;
  private final Procedure procedure;
  private final DevStack.Options stackOptions;
  private final String starter;
  private final String approver;
  private final BufferedReader in;

  /** {@code stackOptions}: the dev stack's pool and latencies; the demo picks its ports and adds both people. */
  public DemoRun(PrintWriter out, Procedure procedure, DevStack.Options stackOptions, String starter, String approver,
      BufferedReader in) {
    this.out = out;
    this.procedure = procedure;
    this.stackOptions = stackOptions;
    this.starter = starter;
    this.approver = approver;
    this.in = in;
  }

  /** True when the run recovered the pool and the pool is healthy afterwards. */
  public boolean run() throws InterruptedException {
    Instant began = Instant.now();
    DemoScenario scenario = DemoScenario.of(procedure);
    banner("poolrescue demo: " + procedure.workflowType());
    try (DevStack stack = DevStack.start(stackOptions.withPersonas(List.of(starter, approver)))) {
      DevStackInfo info = stack.info();
      out.println("dev stack: Temporal " + info.temporal() + " (real time), pool XAPI " + info.xapiUrl()
          + ", admin " + info.admin() + ", worker inside; simulated operations take " + stackOptions.latency()
          + " time");
      out.println("starter (requestedBy): " + starter + "   approver: " + approver + "   (four eyes)");
      out.println("each signs with an SSH key made for the demo (" + info.signingKeys().get(starter) + ", "
          + info.signingKeys().get(approver) + "); the worker's policy " + info.policy()
          + " accepts signed starts and decisions only");
      PoolSnapshot before = stack.pool().snapshot()
          .orElseThrow(() -> CliFailure.failed("the simulated pool's master does not answer"));
      banner("pool BEFORE");
      PoolText.render(stack.pool().summary()).forEach(out::println);

      try (TemporalSession session = TemporalSession.open(TemporalOptions.at(info.temporal()), starter)) {
        WorkflowClient client = session.client();
        DemoStage stage = new DemoStage(stack, before, client, out, starter);
        scenario.prepare(stage);

        banner("FAULT");
        scenario.breakPool(stage).forEach(f -> out.println(">>> FAULT injected: " + f));
        out.flush();

        Object request = scenario.request(stage, ApprovalPolicy.defaults());
        String id = scenario.workflowId(stage);
        SshKeygenSigner starterKey = new SshKeygenSigner(Path.of(info.signingKeys().get(starter)));
        RunStarter.start(client, procedure, id, request,
            SignedRequests.start(starterKey, id, procedure.workflowType(), starter, request));
        banner("RUN " + procedure.workflowType() + " " + id);
        out.println("request: " + Json.write(request).replaceAll("\\s+", " "));
        out.flush();
        DemoOperator operator = new DemoOperator(client, out, in, approver,
            new SshKeygenSigner(Path.of(info.signingKeys().get(approver))), g -> scenario.beforeApproving(stage, g));
        RunFollower follower = new RunFollower(client, out, operator, Duration.ofMillis(300));
        RunFollower.Outcome outcome = follower.follow(id);
        RunStatus last = outcome.status();

        banner("pool AFTER");
        PoolSummary after = stack.pool().summary();
        PoolText.render(after).forEach(out::println);
        banner("VERDICT");
        boolean recovered = RunOutcomes.exitCode(outcome) == ExitCode.OK;
        out.println("run:  " + outcome.execution().name().replace("WORKFLOW_EXECUTION_STATUS_", "")
            + (last == null || last.result() == null ? "" : ", " + last.result().outcome() + " - " + last.result().summary()));
        out.println("gates decided: " + (last == null ? 0 : last.gates().size())
            + ", pool operations: " + (last == null ? 0 : last.operations().size()));
        out.println("pool: " + (after.healthy() ? "healthy" : "NOT healthy"));
        Runtime rt = Runtime.getRuntime();
        out.println("wall time: " + Clock.duration(Duration.between(began, Instant.now()))
            + "   memory: " + ProcessMemory.rssMiB().map(m -> "RSS " + m + " MiB, ").orElse("")
            + "heap used " + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024) + " MiB"
            + " (one JVM: Temporal test server, XAPI simulator, worker, CLI)");
        out.println("worker log: " + LogSetup.logFile());
        out.println("this stack stops now; 'poolrescue dev' keeps one running for start, gates, approve, status, history export");
        out.flush();
        return recovered && after.healthy();
      }
    }
  }

  private void banner(String title) {
    out.println();
    out.println("=== " + title + " " + "=".repeat(Math.max(3, 70 - title.length())));
    out.flush();
  }
}
