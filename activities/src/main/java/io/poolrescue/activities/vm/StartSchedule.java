package io.poolrescue.activities.vm;

import java.util.List;
import java.util.Map;

/**
 * Where and in what order to start VMs: waves in HA restart-priority order, each VM placed on a host
 * by free memory and start slots; how many starts each target host runs at once.
 *
 * @param slotsByHost start slots of every host the waves use (host uuid to slots)
 */
public record StartSchedule(List<ScheduledWave> waves, List<String> alreadyRunning,
    List<NotRestartable> notRestartable, Map<String, Integer> slotsByHost) {

  public StartSchedule {
    waves = List.copyOf(waves);
    alreadyRunning = List.copyOf(alreadyRunning);
    notRestartable = List.copyOf(notRestartable);
    slotsByHost = Map.copyOf(slotsByHost);
  }

  public int toStart() {
    return waves.stream().mapToInt(w -> w.vms().size()).sum();
  }
}
