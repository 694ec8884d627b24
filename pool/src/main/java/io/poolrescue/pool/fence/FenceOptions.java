package io.poolrescue.pool.fence;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a fence agent waits for a BMC, and how it runs ipmitool. A BMC that does not answer within
 * these bounds reads as UNKNOWN, never as OFF.
 *
 * @param connectTimeout TCP/TLS connect to a Redfish service
 * @param requestTimeout one Redfish request, or one ipmitool run (which is killed then)
 * @param pollInterval pause between two readings while waiting for a forced power-off
 * @param ipmitool the ipmitool program, a name looked up on PATH or a path
 * @param ipmiCipherSuite ipmitool's {@code -C}, or null to let ipmitool negotiate (costs a
 *     round-trip, and a long wait on BMCs that do not list their cipher suites)
 */
public record FenceOptions(
    Duration connectTimeout, Duration requestTimeout, Duration pollInterval, String ipmitool, Integer ipmiCipherSuite) {

  public FenceOptions {
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(pollInterval, "pollInterval");
    if (ipmitool == null || ipmitool.isBlank()) {
      throw new IllegalArgumentException("the ipmitool program is required");
    }
  }

  /** 5 s connect, 10 s per request or ipmitool run, a reading every second, {@code ipmitool} from PATH. */
  public static FenceOptions defaults() {
    return new FenceOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), "ipmitool", null);
  }

  public FenceOptions withTimeouts(Duration connect, Duration request) {
    return new FenceOptions(connect, request, pollInterval, ipmitool, ipmiCipherSuite);
  }

  public FenceOptions withPollInterval(Duration interval) {
    return new FenceOptions(connectTimeout, requestTimeout, interval, ipmitool, ipmiCipherSuite);
  }

  public FenceOptions withIpmitool(String program, Integer cipherSuite) {
    return new FenceOptions(connectTimeout, requestTimeout, pollInterval, program, cipherSuite);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
