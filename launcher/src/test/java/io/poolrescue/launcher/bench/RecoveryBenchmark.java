package io.poolrescue.launcher.bench;

import io.poolrescue.cli.RunFollower;
import io.poolrescue.cli.RunStarter;
import io.poolrescue.cli.SignedRequests;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.devstack.DevStack;
import io.poolrescue.launcher.DevStackProcess;
import io.poolrescue.launcher.JavaProcess;
import io.poolrescue.launcher.demo.DemoOperator;
import io.poolrescue.launcher.demo.DemoScenario;
import io.poolrescue.launcher.demo.DemoStage;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.simulator.SimLatencies;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The recovery benchmark: each scenario on a dev stack of its own (Temporal's test server and the
 * simulated pool served over XAPI, in this process, as {@code poolrescue dev --no-worker}), the
 * worker in a process of its own ({@link BenchWorkerMain}), every gate approved at once by a second
 * person with a signed decision. Prints one table and the engine cost; exits 1 when a run did not
 * recover. Not part of {@code mvn verify}:
 * <pre>mvn -B -q -pl launcher -am process-test-classes -Precovery-benchmark [-Dlatency=realistic -Dscenarios=member-failure,master-failure]</pre>
 */
public final class RecoveryBenchmark {
  static final String STARTER = "first-operator";
  static final String APPROVER = "second-operator";
  /** The worker's heap may grow to this; the goal is half of it. */
  static final String WORKER_HEAP = "-Xmx1g";
  static final int ENGINE_CALLS = 200;

  private RecoveryBenchmark() {}

  public static void main(String[] args) throws Exception {
    String latency = args.length > 0 ? args[0] : "realistic";
    List<String> only = args.length > 1 && !args[1].isBlank() ? List.of(args[1].split(",")) : List.of();
    Path dir = Files.createDirectories(Path.of("target", "recovery-benchmark"));
    List<BenchFigures> rows = new ArrayList<>();
    EngineCost.Figures engine = null;
    for (BenchScenario s : BenchScenario.all()) {
      if (!only.isEmpty() && !only.contains(s.name())) {
        continue;
      }
      System.out.printf(Locale.ROOT, "%s: starting (latency %s)%n", s.name(), latency);
      Measured m = runOnce(s, latency, dir, engine == null);
      rows.add(m.figures());
      engine = engine == null ? m.engine() : engine;
      System.out.println(m.figures().line());
    }
    boolean ok = BenchFigures.print(System.out, latency, rows, engine);
    System.exit(ok ? 0 : 1);
  }

  private record Measured(BenchFigures figures, EngineCost.Figures engine) {}

  private static Measured runOnce(BenchScenario s, String latency, Path dir, boolean measureEngine) throws Exception {
    SimLatencies latencies = SimLatencies.named(latency);
    DevStack.Options o = DevStack.Options.ephemeral().withWorker(false).withLatency(latency)
        .withPool(s.pool(dir)).withPersonas(List.of(STARTER, APPROVER));
    Path gc = dir.resolve(s.name() + "-worker-gc.log").toAbsolutePath();
    Files.deleteIfExists(gc);
    try (DevStack stack = DevStack.start(o);
        TemporalSession session = TemporalSession.open(TemporalOptions.at(stack.info().temporal()), STARTER);
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve(s.name() + ".log")), true)) {
      DevStackInfo info = stack.info();
      JavaProcess worker = DevStackProcess.startWorker(info, s.name() + "-worker",
          List.of(WORKER_HEAP, "-XX:+UseSerialGC", "-Xlog:gc:file=" + gc), BenchWorkerMain.class.getName());
      try {
        WorkflowClient client = session.client();
        PoolSnapshot before = stack.pool().snapshot().orElseThrow();
        StartBound bound = s.bound(before, latencies); // from the time model and the pool, before the run
        int started = s.toStart(before).size();
        DemoStage stage = new DemoStage(stack, before, client, out, STARTER);
        DemoScenario demo = s.demo();
        demo.prepare(stage);
        demo.breakPool(stage).forEach(f -> out.println(">>> FAULT injected: " + f));
        Object request = s.request(stage, demo);
        String id = "bench-" + s.name();
        long callsBefore = stack.xapiCallsServed();
        SshKeygenSigner starterKey = new SshKeygenSigner(Path.of(info.signingKeys().get(STARTER)));
        RunStarter.start(client, s.procedure(), id, request,
            SignedRequests.start(starterKey, id, s.procedure().workflowType(), STARTER, request));
        DemoOperator operator = new DemoOperator(client, out, null, APPROVER,
            new SshKeygenSigner(Path.of(info.signingKeys().get(APPROVER))), g -> { });
        RunFollower.Outcome outcome = new RunFollower(client, out, operator, Duration.ofMillis(200)).follow(id);
        long calls = stack.xapiCallsServed() - callsBefore;
        RunTree tree = RunTree.read(client, id);
        RunStatus st = outcome.status();
        String result = st == null || st.result() == null ? outcome.execution().name() : st.result().outcome().name();
        EngineCost.Figures engine = measureEngine
            ? EngineCost.measure(client, stack.pool().snapshot().orElseThrow().master().orElseThrow().address(),
                ENGINE_CALLS)
            : null;
        worker.terminate();
        OptionalLong heap = GcLog.peakMiB(gc);
        return new Measured(new BenchFigures(s.name(), before.hosts().size(),
            (int) before.vms().stream().filter(v -> !v.controlDomain()).count(), started, result,
            Duration.between(tree.lastDecision(), tree.closed()), bound, tree.largestHistory(), heap,
            started == 0 ? 0 : (double) calls / started, tree.decisions()), engine);
      } finally {
        worker.close();
      }
    }
  }
}
