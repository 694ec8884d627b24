package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A physical machine: what is powered, reachable and running, kept apart from what any database
 * says about it. Which pool database it serves or follows is also physical state (its pool.conf).
 */
final class Machine {
  record Nic(String device, String mac) {}

  final String uuid;
  /** The BIOS serial number (bios_strings["system-serial-number"]); the BMC reports the same. */
  String serial;
  String nameLabel;
  String address;
  long memoryTotal;
  final List<Nic> nics = new ArrayList<>();
  String managementDevice;

  boolean powered = true;
  boolean networkCut;
  boolean broken;
  boolean hardwareLost;
  /** The BMC: its login (per machine) and what is wrong with it; it runs on standby power. */
  String bmcUser = Bmcs.DEFAULT_USER;
  String bmcPassword;
  BmcFault bmcFault = BmcFault.NONE;
  /** Set while the agent restarts or the machine reboots: nothing accepts a connection meanwhile. */
  Instant busyUntil;
  /** Why it refuses connections while busy ("agent restarting", "rebooting"). */
  String busyReason;
  /**
   * Emergency mode: its agent started but could not complete Pool.hello with its master. It answers
   * HOST_STILL_BOOTING to all but the emergency calls and says hello again once the master serves.
   */
  boolean emergency;
  /** Changes whenever a pending restart is superseded, so a stale completion event does nothing. */
  long busyToken;
  /**
   * Counts the runs of its agent: a new run begins at every agent restart, reboot and power loss.
   * XAPI keeps sessions and tasks in memory, so those of an earlier run are no longer valid.
   */
  long agentRun;
  /** SHA-256 of root's own password on this machine; null while it is the site's default. */
  byte[] rootPasswordDigest;
  /** Its host record was destroyed while it was away: the master now refuses its Pool.hello. */
  boolean unknownToMaster;

  /** The database it serves (as master) or follows (as member). */
  PoolState pool;
  /** pool.conf: its own address when master, else the master it follows. */
  String masterAddress;
  /** A member's replica of its master's database, as of the last push. */
  Db replica;
  /** The image host_restore last staged (whichever host it was taken of), applied at the next installer restore. */
  byte[] stagedBackup;
  /** SRs this machine has lost its path to. */
  final Set<String> lostStorage = new HashSet<>();

  Machine(String uuid) {
    this.uuid = uuid;
  }

  /** The agent stops (restart, reboot, power loss): supersedes any pending restart; returns the new token. */
  long stopAgent() {
    agentRun++;
    return ++busyToken;
  }

  boolean reachable() {
    return powered && !networkCut && !hardwareLost;
  }

  boolean busy() {
    return busyUntil != null;
  }

  /** Its XAPI serves normal requests. */
  boolean serving() {
    return reachable() && !busy() && !broken && !unknownToMaster && !emergency;
  }

  boolean isMaster() {
    return pool != null && pool.master == this;
  }

  List<String> nicDevices() {
    return nics.stream().map(Nic::device).sorted().toList();
  }

  Set<String> nicDeviceSet() {
    return new HashSet<>(nicDevices());
  }

  MachineState state() {
    if (hardwareLost) {
      return new MachineState.Down("hardware lost");
    }
    if (!powered) {
      return new MachineState.Down("powered off");
    }
    if (networkCut) {
      return new MachineState.Down("network unreachable");
    }
    if (busy()) {
      return new MachineState.Down(busyReason);
    }
    if (emergency) {
      return new MachineState.Unavailable(uuid, XapiErrors.HOST_STILL_BOOTING);
    }
    if (broken) {
      return new MachineState.Unavailable(uuid, XapiErrors.HOST_BROKEN);
    }
    if (unknownToMaster) {
      return new MachineState.Unavailable(uuid, XapiErrors.HOST_UNKNOWN_TO_MASTER);
    }
    return new MachineState.Up(uuid, isMaster(), masterAddress);
  }
}
