package io.poolrescue.workflows.api;

import io.poolrescue.activities.inspection.VmSummary;
import java.util.List;

/**
 * What a REPAIR run hands to the next run of its chain when its wait continues as new (behaviour
 * version 5): the wait goes on where it was, under the same pool lock and authority, without
 * checking the start again (the first run did; a signed start would be too old by now).
 *
 * @param waitStartMillis when the wait for the repair began (workflow time of the chain's first run)
 * @param residentBefore the VMs that ran on the host before it failed (the verification names the missing ones)
 * @param lockKey the pool lock the chain holds
 * @param authority the policy the chain's first run recorded; null if it recorded none
 * @param run this run's place in the chain (the first run is 1)
 * @param route the site the chain's pool calls go to (behaviour version 7); null: the shared queue, and
 *     in carries recorded before sites
 */
public record RepairCarry(long waitStartMillis, List<VmSummary> residentBefore, String lockKey,
    RunAuthority authority, int run, SiteRoute route) {

  /** Without a site. */
  public RepairCarry(long waitStartMillis, List<VmSummary> residentBefore, String lockKey, RunAuthority authority,
      int run) {
    this(waitStartMillis, residentBefore, lockKey, authority, run, null);
  }
}
