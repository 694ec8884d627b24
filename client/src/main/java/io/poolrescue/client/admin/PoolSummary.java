package io.poolrescue.client.admin;

import java.util.List;

/**
 * The simulated pool at a glance, for people and tests: what the master's database says (when a
 * master answers) next to the physical truth (what runs where, what answers at each address).
 *
 * @param masterAnswers false while the pool has no reachable master (then {@code live} values are null)
 * @param integrityViolations the simulator's own proof of harm, e.g. a VM started twice; empty is good
 */
public record PoolSummary(
    String poolName,
    String masterAddress,
    boolean masterAnswers,
    boolean haEnabled,
    String defaultSr,
    List<HostLine> hosts,
    List<VmLine> vms,
    List<String> integrityViolations) {

  /**
   * @param machine what answers at the address: "up", "down: ...", "unavailable: HOST_BROKEN"
   * @param live the master's liveness verdict, null when no master answers or the host is not in its database
   */
  public record HostLine(
      String uuid, String name, String address, String role, String machine, Boolean live, long memoryFreeMiB, int residentVms) {}

  /** @param runningOn where its domain really runs (null: nowhere), by host name */
  public record VmLine(String uuid, String name, String powerState, String residentOn, String runningOn, String haPriority) {}

  /**
   * Healthy: a master answers, every host in its database is live and up, every VM the database
   * says is Running really runs on that host, and the simulator saw no integrity violation.
   */
  public boolean healthy() {
    return masterAnswers
        && integrityViolations.isEmpty()
        && hosts.stream().filter(h -> h.live() != null).allMatch(h -> h.live() && "up".equals(h.machine()))
        && vms.stream().filter(v -> "Running".equals(v.powerState())).allMatch(v -> v.residentOn() != null && v.residentOn().equals(v.runningOn()));
  }
}
