package io.poolrescue.launcher;

import io.poolrescue.cli.CliRun;
import io.poolrescue.cli.ExitCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every procedure end to end on the dev stack under the simulator's {@code realistic} latencies
 * (operations and agent restarts take as long as on a real pool; liveness keeps the demo's short
 * timers so that a run takes minutes, not hours). Not part of {@code mvn verify}:
 * <pre>mvn -B -q -pl launcher -am process-test-classes -Prealistic-runs</pre>
 * Prints, per demo, its outcome, wall time and the readiness waits its run showed; exits 1 when a
 * demo did not end RECOVERED with a healthy pool. PoolBackup runs inside the restore and import demos.
 */
public final class RealisticRuns {
  static final List<String> DEMOS = List.of("member-failure", "master-failure", "host-config-restore", "pool-restore",
      "vm-metadata-import");
  /** What the runs print while they wait for a host that restarted. */
  static final List<String> READINESS_MARKS = List.of("to be ready before starting VMs", "restarting its agent");

  private RealisticRuns() {}

  public static void main(String[] args) {
    String latency = args.length > 0 ? args[0] : "realistic";
    List<String> rows = new ArrayList<>();
    boolean allOk = true;
    for (String demo : DEMOS) {
      long start = System.nanoTime();
      CliRun run = CliRun.of(PoolRescueMain.commandLine(), "demo", demo, "--yes", "--as", "second-operator",
          "--started-by", "first-operator", "--latency", latency);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      String out = run.out();
      boolean ok = run.exitCode() == ExitCode.OK && out.contains("result: RECOVERED") && out.contains("pool: healthy");
      allOk &= ok;
      long waits = out.lines().filter(l -> READINESS_MARKS.stream().anyMatch(l::contains)).count();
      rows.add(String.format(Locale.ROOT, "%-22s %-9s %8.1f s  %4d", demo, ok ? "RECOVERED" : "FAILED",
          took.toMillis() / 1000.0, waits));
      if (!ok) {
        System.out.println(out);
        System.out.println(run.err());
      }
    }
    System.out.println("latency profile: " + latency);
    System.out.println(String.format(Locale.ROOT, "%-22s %-9s %10s  %s", "demo", "outcome", "wall", "readiness lines"));
    rows.forEach(System.out::println);
    System.exit(allOk ? 0 : 1);
  }
}
