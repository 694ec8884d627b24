package io.poolrescue.activities.vm;

import java.util.List;
import java.util.Map;

/**
 * VMs to start (a few hundred at most per batch), placed on live hosts with the memory and the SRs
 * they need, never on an excluded host.
 *
 * <p>The other fields serve a run that starts VMs while some hosts still settle after an agent
 * restart (from {@code Versions.ROLLING_STARTS}); older payloads lack them and read as empty.
 *
 * @param settlingHostUuids hosts expected to take starts soon: nothing is placed on them now, but a
 *     VM only they could run waits for them instead of being called not restartable
 * @param busySlotsByHost start slots the run already uses or has promised, per host
 * @param promisedBytesByHost memory of the starts the run has sent or queued, per host, not yet seen
 *     in the pool's free memory
 * @param roomNowOnly place only what can go now: each tier's first start order in the request,
 *     within the hosts' free slots; the rest is returned waiting
 */
public record StartBatch(String poolAddress, List<String> excludedHostUuids, List<String> vmUuids,
    List<String> settlingHostUuids, Map<String, Integer> busySlotsByHost, Map<String, Long> promisedBytesByHost,
    boolean roomNowOnly) {
  public StartBatch {
    excludedHostUuids = excludedHostUuids == null ? List.of() : List.copyOf(excludedHostUuids);
    vmUuids = List.copyOf(vmUuids);
    settlingHostUuids = settlingHostUuids == null ? List.of() : List.copyOf(settlingHostUuids);
    busySlotsByHost = busySlotsByHost == null ? Map.of() : Map.copyOf(busySlotsByHost);
    promisedBytesByHost = promisedBytesByHost == null ? Map.of() : Map.copyOf(promisedBytesByHost);
  }

  public StartBatch(String poolAddress, List<String> excludedHostUuids, List<String> vmUuids) {
    this(poolAddress, excludedHostUuids, vmUuids, List.of(), Map.of(), Map.of(), false);
  }
}
