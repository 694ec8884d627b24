package io.poolrescue.activities.storage;

import java.util.List;

/**
 * Whether the pool's default SR is usable, and what could replace it.
 *
 * @param defaultSrUuid the default SR, or null when unset or dangling
 * @param problem why it is not valid (null when valid)
 * @param candidates shared SRs plugged on every live host, best first
 * @param fingerprint digest of the default SR setting and the candidates' state
 */
public record DefaultSrReport(
    boolean valid, String defaultSrUuid, String problem, List<String> candidates, String fingerprint) {

  public DefaultSrReport {
    candidates = List.copyOf(candidates);
  }
}
