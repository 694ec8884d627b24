package io.poolrescue.activities.inspection;

import java.util.List;

/**
 * The hosts of a pool that could take VM starts, host by host, as the master and their own
 * addresses show them. {@code masterProblem} is set when the master itself does not answer yet (a
 * restored or promoted master still restarting): then nothing is known about the hosts.
 */
public record ReadinessReport(String masterProblem, List<HostReadiness> hosts) {

  public ReadinessReport {
    hosts = List.copyOf(hosts);
  }

  /** True when nothing is worth waiting for any more. */
  public boolean settled() {
    return masterProblem == null && settling().isEmpty();
  }

  public List<HostReadiness> settling() {
    return hosts.stream().filter(h -> h.state() == HostReadiness.State.SETTLING).toList();
  }

  /** Live hosts that do not answer as members of this master: starts forwarded there would fail. */
  public List<String> notAnsweringUuids() {
    return hosts.stream().filter(h -> h.state() == HostReadiness.State.SETTLING && !h.answers())
        .map(HostReadiness::uuid).toList();
  }

  public long readyCount() {
    return hosts.stream().filter(h -> h.state() == HostReadiness.State.READY).count();
  }
}
