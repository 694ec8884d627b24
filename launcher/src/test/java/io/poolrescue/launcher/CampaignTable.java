package io.poolrescue.launcher;

import io.poolrescue.cli.Procedure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The fault campaign's table: one line per procedure, then the verdict. */
final class CampaignTable {
  private CampaignTable() {}

  /** Prints the table; true when every run ended as it should, nothing dangerous repeated, nothing broke, and enough kills happened. */
  static boolean print(List<FaultCampaign.RunFigures> runs, double rate, long seed, int minKills) {
    Map<Procedure, List<FaultCampaign.RunFigures>> byProcedure = new LinkedHashMap<>();
    runs.forEach(r -> byProcedure.computeIfAbsent(r.procedure(), p -> new java.util.ArrayList<>()).add(r));
    System.out.printf(Locale.ROOT, "%nfault campaign: XAPI fault rate %.2f, seed %d, %d workers, a SIGKILL every %d-%d s%n",
        rate, seed, WorkerFleet.SIZE, FaultCampaign.KILL_EVERY_MIN.toSeconds(),
        FaultCampaign.KILL_EVERY_MIN.plus(FaultCampaign.KILL_EVERY_SPREAD).toSeconds());
    String head = String.format(Locale.ROOT, "%-20s %4s %7s %5s  %-28s %10s %10s %13s", "procedure", "runs", "faults",
        "kills", "outcomes", "duplicated", "integrity", "longest stall");
    System.out.println(head);
    System.out.println("-".repeat(head.length()));
    boolean ok = true;
    int kills = 0;
    for (var e : byProcedure.entrySet()) {
      List<FaultCampaign.RunFigures> rs = e.getValue();
      long faults = rs.stream().mapToLong(FaultCampaign.RunFigures::faults).sum();
      int k = rs.stream().mapToInt(FaultCampaign.RunFigures::kills).sum();
      kills += k;
      Map<String, Long> outcomes = rs.stream().collect(Collectors.groupingBy(
          r -> r.outcome().startsWith("FAILED:") ? "FAILED" : r.outcome() + (r.healthy() ? "" : " (unhealthy)"),
          TreeMap::new, Collectors.counting()));
      long duplicated = rs.stream().mapToLong(r -> r.repeated().values().stream().mapToLong(n -> n - 1).sum()).sum();
      long violations = rs.stream().mapToLong(r -> r.violations().size()).sum();
      Duration stall = rs.stream().map(FaultCampaign.RunFigures::longestStall).max(Duration::compareTo)
          .orElse(Duration.ZERO);
      System.out.printf(Locale.ROOT, "%-20s %4d %7d %5d  %-28s %10d %10d %11.1f s%n", e.getKey().cliName(), rs.size(),
          faults, k, outcomes.toString(), duplicated, violations, FaultCampaign.seconds(stall));
      ok &= rs.stream().allMatch(FaultCampaign.RunFigures::asItShould) && duplicated == 0 && violations == 0;
    }
    runs.stream().filter(r -> !r.repeated().isEmpty()).forEach(r -> System.out.println("REPEATED in " + r.procedure().cliName() + ": " + r.repeated()));
    runs.stream().filter(r -> !r.violations().isEmpty()).forEach(r -> System.out.println("INTEGRITY in " + r.procedure().cliName() + ": " + r.violations()));
    runs.stream().filter(r -> r.outcome().startsWith("FAILED:")).forEach(r -> System.out.println("FAILED " + r.procedure().cliName() + ": " + r.outcome()));
    runs.stream().filter(r -> !r.asItShould()).forEach(r -> System.out.println("NOT AS IT SHOULD " + r.procedure().cliName() + ": " + r.outcome() + ", healthy " + r.healthy()));
    System.out.println("kills in all: " + kills + (kills < minKills ? " (fewer than " + minKills + ")" : ""));
    ok &= kills >= minKills;
    System.out.println(ok ? "verdict: every run ended as it should" : "verdict: NOT as it should");
    return ok;
  }
}
