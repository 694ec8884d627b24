package io.poolrescue.pool.fence;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code ipmitool power status} printed, as a power state. */
final class IpmiOutput {
  private static final Pattern STATUS = Pattern.compile("(?im)^\\s*Chassis Power is (on|off)\\s*$");

  private IpmiOutput() {}

  /** ON or OFF, or null when the output says neither (then the reading is UNKNOWN). */
  static BmcPower power(String stdout) {
    Matcher m = STATUS.matcher(stdout == null ? "" : stdout);
    if (!m.find()) {
      return null;
    }
    BmcPower p = m.group(1).toLowerCase(Locale.ROOT).equals("off") ? BmcPower.OFF : BmcPower.ON;
    return m.find() ? null : p; // two answers in one output: not one we trust
  }

  /** The line ipmitool printed, to keep as evidence. */
  static String line(String stdout) {
    Matcher m = STATUS.matcher(stdout == null ? "" : stdout);
    return m.find() ? m.group().strip() : null;
  }
}
