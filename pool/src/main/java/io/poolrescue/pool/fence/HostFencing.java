package io.poolrescue.pool.fence;

import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryHost;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Fencing by host: finds the host's BMC in the worker's inventory, by uuid or by management address
 * (a run that lost its master may know only the address), and asks it. A host that is
 * not in the inventory, or has no BMC there, reads UNKNOWN with that reason, so a run stops instead
 * of guessing.
 */
public final class HostFencing {
  /** BMCs take seconds to a minute to report Off after a ForceOff. */
  public static final Duration OFF_WITHIN = Duration.ofMinutes(2);

  private final Inventory inventory;
  private final FenceAgents agents;
  private final Clock clock;
  private final Duration offWithin;

  public HostFencing(Inventory inventory, FenceAgents agents, Clock clock) {
    this(inventory, agents, clock, OFF_WITHIN);
  }

  /** @param offWithin how long a forced power-off may take before the host counts as not off */
  public HostFencing(Inventory inventory, FenceAgents agents, Clock clock, Duration offWithin) {
    this.inventory = inventory == null ? new Inventory(null) : inventory;
    this.agents = agents;
    this.clock = clock;
    this.offWithin = offWithin;
  }

  public Duration offWithin() {
    return offWithin;
  }

  /** Fencing with no inventory at all: every host reads UNKNOWN. */
  public static HostFencing none(Clock clock) {
    return new HostFencing(null, target -> {
      throw new IllegalStateException("no inventory, no BMC");
    }, clock);
  }

  /** {@code host}: a uuid or a management address. */
  public BmcReading powerState(String host) {
    Optional<FenceAgent> agent = agent(host);
    return agent.isPresent() ? agent.get().powerState() : missing(host);
  }

  /** See {@link FenceAgent#forceOff}; a host without a BMC reads UNKNOWN and nothing is done. */
  public BmcReading forceOff(String host, Duration within) {
    Optional<FenceAgent> agent = agent(host);
    return agent.isPresent() ? agent.get().forceOff(within) : missing(host);
  }

  /** The inventory's entry for a host, by uuid or management address. */
  public Optional<InventoryHost> find(String host) {
    return inventory.host(host).or(() -> inventory.hostAt(host));
  }

  private Optional<FenceAgent> agent(String host) {
    return find(host).flatMap(InventoryHost::bmcTarget).map(agents::open);
  }

  private BmcReading missing(String host) {
    String reason = find(host).isPresent()
        ? "the worker's inventory lists no BMC for host " + host
        : "host " + host + " is not in the worker's inventory";
    return BmcReading.unknown("none", clock.instant(), reason);
  }
}
