package io.poolrescue.activities.fence;

import io.poolrescue.pool.fence.BmcPower;
import io.poolrescue.pool.fence.BmcReading;
import java.time.Instant;

/**
 * What a host's BMC said, as a run records it: the power, which BMC, when, its raw answer, and the
 * reason when it could not tell.
 *
 * @param forcedOff true when this call powered the machine off
 */
public record BmcEvidence(String hostUuid, BmcPower power, String bmc, Instant at, String raw, String reason,
    boolean forcedOff) {

  static BmcEvidence of(String hostUuid, BmcReading r, boolean forcedOff) {
    return new BmcEvidence(hostUuid, r.power(), r.bmc(), r.at(), r.raw(), r.reason(), forcedOff);
  }

  public boolean off() {
    return power == BmcPower.OFF;
  }

  /** One line for gates, statuses and the audit report. */
  public String describe() {
    String said = switch (power) {
      case OFF -> "says Off";
      case ON -> "says On";
      case UNKNOWN -> "cannot tell (" + reason + ")";
    };
    return "BMC " + bmc + " " + said + (raw == null ? "" : " [" + raw + "]") + " at " + at;
  }
}
