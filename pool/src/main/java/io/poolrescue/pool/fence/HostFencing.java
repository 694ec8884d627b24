package io.poolrescue.pool.fence;

import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryHost;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Fencing by host uuid: finds the host's BMC in the worker's inventory and asks it. A host that is
 * not in the inventory, or has no BMC there, reads UNKNOWN with that reason, so a run stops instead
 * of guessing.
 */
public final class HostFencing {
  private final Inventory inventory;
  private final FenceAgents agents;
  private final Clock clock;

  public HostFencing(Inventory inventory, FenceAgents agents, Clock clock) {
    this.inventory = inventory == null ? new Inventory(null) : inventory;
    this.agents = agents;
    this.clock = clock;
  }

  /** Fencing with no inventory at all: every host reads UNKNOWN. */
  public static HostFencing none(Clock clock) {
    return new HostFencing(null, target -> {
      throw new IllegalStateException("no inventory, no BMC");
    }, clock);
  }

  public BmcReading powerState(String hostUuid) {
    Optional<FenceAgent> agent = agent(hostUuid);
    return agent.isPresent() ? agent.get().powerState() : missing(hostUuid);
  }

  /** See {@link FenceAgent#forceOff}; a host without a BMC reads UNKNOWN and nothing is done. */
  public BmcReading forceOff(String hostUuid, Duration within) {
    Optional<FenceAgent> agent = agent(hostUuid);
    return agent.isPresent() ? agent.get().forceOff(within) : missing(hostUuid);
  }

  /** The BMC a host is fenced through, for evidence; empty when it has none. */
  public Optional<String> bmcOf(String hostUuid) {
    return inventory.host(hostUuid).flatMap(InventoryHost::bmcTarget).map(BmcTarget::describe);
  }

  private Optional<FenceAgent> agent(String hostUuid) {
    return inventory.host(hostUuid).flatMap(InventoryHost::bmcTarget).map(agents::open);
  }

  private BmcReading missing(String hostUuid) {
    String reason = inventory.host(hostUuid).isPresent()
        ? "the worker's inventory lists no BMC for host " + hostUuid
        : "host " + hostUuid + " is not in the worker's inventory";
    return BmcReading.unknown("none", clock.instant(), reason);
  }
}
