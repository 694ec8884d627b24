package io.poolrescue.pool.fence;

import java.time.Instant;
import java.util.Objects;

/**
 * One answer of a BMC about one machine: the evidence a fence step records.
 *
 * @param bmc which BMC was asked, safe to print (its URL or address, never credentials)
 * @param raw what it said, e.g. Redfish {@code "PowerState": "Off"} or ipmitool's {@code Chassis Power is off}
 * @param reason why the power is UNKNOWN (unreachable, 401, no such system, ...); null otherwise
 */
public record BmcReading(BmcPower power, String bmc, Instant at, String raw, String reason) {

  public BmcReading {
    Objects.requireNonNull(power, "power");
    Objects.requireNonNull(at, "at");
  }

  public static BmcReading of(BmcPower power, String bmc, Instant at, String raw) {
    return new BmcReading(power, bmc, at, raw, null);
  }

  public static BmcReading unknown(String bmc, Instant at, String reason) {
    return new BmcReading(BmcPower.UNKNOWN, bmc, at, null, reason);
  }

  public boolean off() {
    return power == BmcPower.OFF;
  }
}
