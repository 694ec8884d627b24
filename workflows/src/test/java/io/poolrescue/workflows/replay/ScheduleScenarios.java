package io.poolrescue.workflows.replay;

import java.util.List;

/**
 * Recorded runs since behaviour version 8: VM starts are placed before any is sent and each host is
 * kept busy up to its start slots. The commands of every scenario recorded under version 7. Kept as
 * recorded: today's runs are {@link PaceScenarios}.
 */
final class ScheduleScenarios {
  static final String PREFIX = "schedule-";

  private ScheduleScenarios() {}

  static List<Scenario> all() {
    return SiteScenarios.all().stream()
        .map(s -> s.named(s.name().replaceFirst("^" + SiteScenarios.PREFIX, PREFIX))).toList();
  }
}
