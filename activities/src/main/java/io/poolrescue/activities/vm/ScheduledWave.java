package io.poolrescue.activities.vm;

import java.util.List;

/**
 * The VMs of one HA restart-priority tier and start order, each with its host.
 *
 * @param tier 0 for {@code restart}, 1 for {@code best-effort}, 2 for the rest
 * @param order the VMs' HA start order within the tier
 * @param waiting VMs of the wave given no host yet (a {@link StartBatch#roomNowOnly()} schedule)
 */
public record ScheduledWave(int tier, long order, List<PlacedVm> vms, List<String> waiting) {
  public ScheduledWave {
    vms = List.copyOf(vms);
    waiting = waiting == null ? List.of() : List.copyOf(waiting);
  }

  public ScheduledWave(int tier, long order, List<PlacedVm> vms) {
    this(tier, order, vms, List.of());
  }
}
