package io.poolrescue.launcher;

import io.poolrescue.cli.Procedure;
import io.poolrescue.cli.RunFollower;
import io.poolrescue.cli.RunOutcomes;
import io.poolrescue.cli.RunStarter;
import io.poolrescue.cli.SignedRequests;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.client.admin.PoolSummary;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.devstack.DevStack;
import io.poolrescue.launcher.demo.DemoOperator;
import io.poolrescue.launcher.demo.DemoScenario;
import io.poolrescue.launcher.demo.DemoStage;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.simulator.xapi.WireFaultPlan;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The fault campaign: every demo procedure, several times, with the pool's XAPI server injecting
 * faults at a rate (dropped calls, lost replies after the call took effect, slow answers, agent
 * restarts) and worker processes killed with SIGKILL at random moments, a fresh one started after
 * each kill. The dev stack (Temporal test server, simulated pool, XAPI wire) runs in this process
 * without a worker, like {@code poolrescue dev --no-worker}; the workers are processes of their own,
 * two at a time. Not part of {@code mvn verify}:
 * <pre>mvn -B -q -pl launcher -am process-test-classes -Pfault-campaign [-Druns=2 -Drate=0.2 -Dseed=1 -Dprocedures=member-failure,...]</pre>
 * Prints one table; exits 1 when a run did not end as it should, a dangerous call took effect twice,
 * the pool shows an integrity violation, or fewer than 20 kills happened.
 */
public final class FaultCampaign {
  static final String STARTER = "first-operator";
  static final String APPROVER = "second-operator";
  static final List<Procedure> PROCEDURES = List.of(Procedure.MEMBER_FAILURE, Procedure.MASTER_FAILURE,
      Procedure.HOST_CONFIG_RESTORE, Procedure.POOL_RESTORE, Procedure.VM_METADATA_IMPORT);
  static final int MIN_KILLS = 20;
  /** A kill comes this long after the previous one (or the start), plus up to {@link #KILL_EVERY_SPREAD}. */
  static final Duration KILL_EVERY_MIN = Duration.ofSeconds(8);
  static final Duration KILL_EVERY_SPREAD = Duration.ofSeconds(17);
  /** A run that takes longer than this is reported as stuck. */
  static final Duration RUN_BOUND = Duration.ofMinutes(15);
  /** A takeover slower than this is reported at this figure. */
  static final Duration STALL_BOUND = Duration.ofMinutes(3);

  /** One run's figures. */
  record RunFigures(Procedure procedure, String outcome, boolean healthy, long faults, int kills,
      Map<String, Long> repeated, List<String> violations, Duration longestStall, Duration wall) {
    /** Faults on the wire and lost workers are transient: every run must recover the pool. */
    boolean asItShould() {
      return "RECOVERED".equals(outcome) && healthy;
    }
  }

  private FaultCampaign() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 0.2;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    List<Procedure> procedures = args.length > 3 && !args[3].isBlank()
        ? java.util.Arrays.stream(args[3].split(",")).map(n -> Procedure.find(n).orElseThrow(
            () -> new IllegalArgumentException("unknown procedure " + n))).toList()
        : PROCEDURES;
    Path logs = Files.createDirectories(Path.of("target", "fault-campaign"));
    Random random = new Random(seed);
    List<RunFigures> all = new ArrayList<>();
    int n = 0;
    for (int round = 0; round < runs; round++) {
      for (Procedure p : procedures) {
        long runSeed = seed * 1000 + (++n);
        RunFigures f = runOnce(p, runSeed, WireFaultPlan.at(rate, runSeed), random, logs.resolve(n + "-" + p.cliName()));
        all.add(f);
        System.out.printf(Locale.ROOT, "run %d %s seed %d: %s, %d faults, %d kills, longest stall %.1f s, %.0f s%n",
            n, p.cliName(), runSeed, f.outcome(), f.faults(), f.kills(), seconds(f.longestStall()), seconds(f.wall()));
      }
    }
    boolean ok = CampaignTable.print(all, rate, seed, MIN_KILLS);
    System.exit(ok ? 0 : 1);
  }

  static RunFigures runOnce(Procedure p, long runSeed, WireFaultPlan plan, Random random, Path log) throws Exception {
    long began = System.nanoTime();
    DevStack.Options o = DevStack.Options.ephemeral().withWorker(false).withLatency(DevStack.Options.DEMO_LATENCY)
        .withPersonas(List.of(STARTER, APPROVER)).withFaults(plan);
    ExecutorService follow = Executors.newSingleThreadExecutor();
    try (DevStack stack = DevStack.start(o);
        WorkerFleet fleet = new WorkerFleet(stack.info(), "campaign-" + runSeed);
        TemporalSession session = TemporalSession.open(TemporalOptions.at(stack.info().temporal()), STARTER);
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(log + ".log")), true)) {
      DevStackInfo info = stack.info();
      WorkflowClient client = session.client();
      PoolSnapshot before = stack.pool().snapshot().orElseThrow();
      DemoStage stage = new DemoStage(stack, before, client, out, STARTER);
      DemoScenario scenario = DemoScenario.of(p);
      scenario.prepare(stage);
      scenario.breakPool(stage).forEach(fault -> out.println(">>> FAULT injected: " + fault));
      Object request = scenario.request(stage, ApprovalPolicy.defaults());
      String id = scenario.workflowId(stage);
      SshKeygenSigner starterKey = new SshKeygenSigner(Path.of(info.signingKeys().get(STARTER)));
      RunStarter.start(client, p, id, request, SignedRequests.start(starterKey, id, p.workflowType(), STARTER, request));
      DemoOperator operator = new DemoOperator(client, out, null, APPROVER,
          new SshKeygenSigner(Path.of(info.signingKeys().get(APPROVER))), g -> scenario.beforeApproving(stage, g));
      Future<RunFollower.Outcome> done = follow.submit(
          () -> new RunFollower(client, out, operator, Duration.ofMillis(300)).follow(id));

      KillStall stall = new KillStall(client);
      int kills = 0;
      Duration longest = Duration.ZERO;
      while (!done.isDone()) {
        Thread.sleep(KILL_EVERY_MIN.toMillis() + random.nextInt((int) KILL_EVERY_SPREAD.toMillis()));
        if (done.isDone() || System.nanoTime() - began > RUN_BOUND.toNanos()) {
          break;
        }
        String victim = fleet.nameOf(random);
        Set<String> held = stall.heldBy(id, victim);
        long killedAt = System.nanoTime();
        fleet.kill(victim);
        kills++;
        Duration took = held.isEmpty() ? Duration.ZERO : stall.awaitTakenOver(id, victim, held, killedAt, STALL_BOUND);
        out.printf(Locale.ROOT, ">>> KILLED %s holding %s; taken over after %.1f s%n", victim, held, seconds(took));
        longest = took.compareTo(longest) > 0 ? took : longest;
        fleet.replace();
      }
      RunFollower.Outcome outcome = done.get(Math.max(1, RUN_BOUND.toSeconds() - elapsed(began).toSeconds()),
          TimeUnit.SECONDS);
      PoolSummary after = stack.pool().summary();
      return new RunFigures(p, describe(outcome), after.healthy(), stack.wireFaults().total(), kills,
          OneShotCalls.repeated(stack.pool().journal()), after.integrityViolations(), longest, elapsed(began));
    } finally {
      follow.shutdownNow();
    }
  }

  private static String describe(RunFollower.Outcome o) {
    RunStatus s = o.status();
    if (s == null || s.result() == null) {
      return RunOutcomes.exitCode(o) + " " + o.execution().name();
    }
    String outcome = s.result().outcome().name();
    return "FAILED".equals(outcome) ? "FAILED: " + s.result().summary() : outcome;
  }

  private static Duration elapsed(long since) {
    return Duration.ofNanos(System.nanoTime() - since);
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
