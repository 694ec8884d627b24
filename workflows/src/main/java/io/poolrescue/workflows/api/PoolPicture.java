package io.poolrescue.workflows.api;

import io.poolrescue.activities.inspection.PoolOverview;
import io.poolrescue.activities.inspection.PoolVm;
import java.util.List;

/** What {@link PoolView} returns: the pool's master, HA and hosts, and its VMs. */
public record PoolPicture(PoolOverview overview, List<PoolVm> vms) {

  public PoolPicture {
    vms = vms == null ? List.of() : List.copyOf(vms);
  }
}
