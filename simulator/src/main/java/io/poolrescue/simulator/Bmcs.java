package io.poolrescue.simulator;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated BMCs: each machine's baseboard controller, on standby power, so it answers whatever
 * the host's network or agent does and reports the physical power. A reset changes the machine as
 * the matching fault would (ForceOff = a power failure from then on) and is journaled as
 * {@code bmc.<ResetType>} via the BMC's address, refusals included.
 */
final class Bmcs {
  private static final Logger log = LoggerFactory.getLogger(Bmcs.class);
  static final List<String> RESET_TYPES = List.of("On", "ForceOff", "GracefulShutdown", "ForceRestart");
  static final String DEFAULT_USER = "admin";

  private Bmcs() {}

  /**
   * The BMC of the host at 127.a.b.c listens at 127.(a+1).b.c (a separate management network, as on
   * real sites); a host address outside 127/8 keeps its own address (the BMC then needs its own port).
   */
  static String addressFor(String hostAddress) {
    String[] p = hostAddress.split("\\.");
    if (p.length == 4 && p[0].equals("127")) {
      int second = Integer.parseInt(p[1]);
      if (second < 255) {
        return "127." + (second + 1) + "." + p[2] + "." + p[3];
      }
    }
    return hostAddress;
  }

  /** The factory password of a simulated BMC: per machine, printed on its label (here: made from the serial). */
  static String defaultPassword(String serial) {
    return "sim-bmc-" + serial;
  }

  static BmcState state(Machine m) {
    return new BmcState(m.uuid, m.nameLabel, m.serial, addressFor(m.address), m.bmcUser, m.bmcPassword, m.bmcFault,
        m.powered);
  }

  static Machine machineAt(Site site, String bmcAddress) {
    for (Machine m : site.machines.values()) {
      if (addressFor(m.address).equals(bmcAddress)) {
        return m;
      }
    }
    return null;
  }

  static BmcReset reset(Site site, Machine m, String type, Instant now) {
    String via = addressFor(m.address);
    String call = "bmc." + type;
    List<String> args = List.of(m.uuid);
    if (!RESET_TYPES.contains(type) || !state(m).allowableResetTypes().contains(type)) {
      site.journal.record(now, call, via, args, "NOT_ALLOWED");
      return BmcReset.NOT_ALLOWED;
    }
    if (m.bmcFault == BmcFault.REFUSES_RESET) {
      site.journal.record(now, call, via, args, "REFUSED");
      return BmcReset.REFUSED;
    }
    boolean powerOff = type.equals("ForceOff") || type.equals("GracefulShutdown");
    if (!(powerOff && m.bmcFault == BmcFault.IGNORES_POWER_OFF)) {
      apply(site, m, type, now);
    }
    site.journal.record(now, call, via, args, JournalEntry.OK);
    log.info("BMC {} of host {} ({}): {} accepted", via, m.uuid, m.nameLabel, type);
    return BmcReset.ACCEPTED;
  }

  private static void apply(Site site, Machine m, String type, Instant now) {
    switch (type) {
      case "ForceOff" -> {
        if (m.powered) {
          Faults.kill(site, m);
        }
      }
      case "GracefulShutdown" -> {
        if (m.powered) {
          Faults.shutdown(site, m, now);
        }
      }
      case "On" -> {
        if (!m.powered) {
          Faults.powerOn(site, m, now);
        }
      }
      case "ForceRestart" -> {
        if (m.powered) {
          Faults.kill(site, m);
        }
        Faults.powerOn(site, m, now);
      }
      default -> throw new IllegalArgumentException(type);
    }
  }
}
