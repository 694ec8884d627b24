package io.poolrescue.launcher.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * One scenario's figures, and the table with the goals.
 *
 * @param vms the pool's VMs; {@code started} of them are the failed host's, started again by the run
 * @param wall from the last accepted decision to the top-level run's close, on the server's clock
 * @param peakHeapMiB the worker's largest heap before a collection (empty: no collection)
 * @param callsPerVm XAPI calls the pool served during the run, per VM started
 */
record BenchFigures(String scenario, int hosts, int vms, int started, String outcome, Duration wall, StartBound bound,
    int largestHistory, OptionalLong peakHeapMiB, double callsPerVm, int decisions) {
  static final double RATIO_GOAL = 1.10;
  static final int HISTORY_GOAL = 10_240;
  static final long HEAP_GOAL_MIB = 512;
  static final double ENGINE_GOAL = 2.0;

  double ratio() {
    return seconds(wall) / seconds(bound.total());
  }

  boolean recovered() {
    return "RECOVERED".equals(outcome);
  }

  String line() {
    return String.format(Locale.ROOT, "%-15s %5d %6d %7d  %-10s %8.1f s %8.1f s %6.2f %8d %8s %9.1f %9d", scenario,
        hosts, vms, started, outcome, seconds(wall), seconds(bound.total()), ratio(), largestHistory,
        peakHeapMiB.isPresent() ? peakHeapMiB.getAsLong() + " MiB" : "no GC", callsPerVm, decisions);
  }

  /** Prints the table and the goals; true when every run recovered. */
  static boolean print(PrintStream out, String latency, List<BenchFigures> rows, EngineCost.Figures engine) {
    out.println();
    out.println("recovery benchmark: latency profile " + latency + ", worker in its own process, approvals at once");
    out.println("scenario        hosts    VMs started  outcome        wall      bound  ratio  history     heap calls/VM decisions");
    rows.forEach(r -> out.println(r.line()));
    rows.forEach(r -> out.printf(Locale.ROOT, "  %s bound: %.1f s serial + %.1f s of starts%n", r.scenario(),
        seconds(r.bound().serial()), seconds(r.bound().starts())));
    if (engine != null) {
      out.printf(Locale.ROOT, "engine cost: %.2f ms per pool operation (InspectProbe) vs %.2f ms per bare activity "
          + "round trip: %.2fx%n", engine.poolMs(), engine.bareMs(), engine.ratio());
    }
    out.println("goals:");
    rows.forEach(r -> {
      goal(out, r.scenario() + " wall / bound <= " + RATIO_GOAL, r.ratio() <= RATIO_GOAL);
      goal(out, r.scenario() + " largest history <= " + HISTORY_GOAL, r.largestHistory() <= HISTORY_GOAL);
      goal(out, r.scenario() + " worker heap <= " + HEAP_GOAL_MIB + " MiB",
          r.peakHeapMiB().isPresent() && r.peakHeapMiB().getAsLong() <= HEAP_GOAL_MIB);
    });
    if (engine != null) {
      goal(out, "engine cost <= " + ENGINE_GOAL + "x a bare round trip", engine.ratio() <= ENGINE_GOAL);
    }
    return rows.stream().allMatch(BenchFigures::recovered);
  }

  private static void goal(PrintStream out, String what, boolean met) {
    out.println("  " + (met ? "met    " : "MISSED ") + what);
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
