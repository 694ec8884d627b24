package io.poolrescue.activities.vm;

import java.util.List;

/**
 * The order to start VMs in: waves in HA restart-priority order ({@code restart}, then
 * {@code best-effort}, then the rest; lower {@code order} first within a priority). A wave starts
 * only when the previous one is done; the VMs of one wave start in parallel.
 */
public record StartPlan(List<List<String>> waves, List<String> alreadyRunning, List<NotRestartable> notRestartable) {

  public StartPlan {
    waves = waves.stream().map(List::copyOf).toList();
    alreadyRunning = List.copyOf(alreadyRunning);
    notRestartable = List.copyOf(notRestartable);
  }

  public int toStart() {
    return waves.stream().mapToInt(List::size).sum();
  }
}
