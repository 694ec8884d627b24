package io.poolrescue.client.admin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fault to inject into the dev stack's simulated pool, as the admin endpoint takes it, e.g.
 * {@code {"kind":"fail-host","host":"h2"}}. Hosts are named by uuid, name label or address.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Fault.FailHost.class, name = "fail-host"),
  @JsonSubTypes.Type(value = Fault.FailMaster.class, name = "fail-master"),
  @JsonSubTypes.Type(value = Fault.ShutdownHost.class, name = "shutdown-host"),
  @JsonSubTypes.Type(value = Fault.CutNetwork.class, name = "cut-network"),
  @JsonSubTypes.Type(value = Fault.DamageConfig.class, name = "damage-config"),
  @JsonSubTypes.Type(value = Fault.LoseStorage.class, name = "lose-storage"),
  @JsonSubTypes.Type(value = Fault.Restore.class, name = "restore"),
  @JsonSubTypes.Type(value = Fault.LoseAllHosts.class, name = "lose-all-hosts"),
  @JsonSubTypes.Type(value = Fault.BmcMisbehaves.class, name = "bmc-fault")
})
public sealed interface Fault {

  /** Power loss: domains gone, no heartbeats, unreachable. */
  record FailHost(String host) implements Fault {}

  /** Power loss of the current master. */
  record FailMaster() implements Fault {}

  /** Clean shutdown: the master marks it dead at once. */
  record ShutdownHost(String host) implements Fault {}

  /** The host and its VMs keep running but nobody reaches it (split-brain bait). */
  record CutNetwork(String host) implements Fault {}

  /** The machine runs but its XAPI answers HOST_BROKEN. */
  record DamageConfig(String host) implements Fault {}

  /** That host loses its path to that SR (PBD unplugged, plug fails). */
  record LoseStorage(String host, String sr) implements Fault {}

  /** Undo the host's fault (a killed host reboots, its VMs come back Halted). */
  record Restore(String host) implements Fault {}

  /** Every host of the pool is lost for good. */
  record LoseAllHosts() implements Fault {}

  /**
   * The host's BMC misbehaves: {@code unreachable}, {@code ignores-power-off} (accepts ForceOff, the
   * machine stays on), {@code refuses-reset}, {@code no-force-off} (not offered); {@code none} repairs it.
   */
  record BmcMisbehaves(String host, String fault) implements Fault {}
}
