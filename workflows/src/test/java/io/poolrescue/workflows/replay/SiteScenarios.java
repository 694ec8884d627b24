package io.poolrescue.workflows.replay;

import java.util.List;

/**
 * Recorded runs since behaviour version 7: the run learns its pool's site from the scope it records
 * at its start (a worker without sites, as here, routes every call to the shared queue). The
 * commands of every scenario recorded under version 6. Kept as recorded: today's runs are
 * {@link ScheduleScenarios}.
 */
final class SiteScenarios {
  static final String PREFIX = "sites-";

  private SiteScenarios() {}

  static List<Scenario> all() {
    return FaultScenarios.all().stream()
        .map(s -> s.named(s.name().replaceFirst("^" + FaultScenarios.PREFIX, PREFIX))).toList();
  }
}
