package io.poolrescue.simulator;

import io.poolrescue.pool.model.PowerState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Checks a {@link PoolSpec} as a whole before anything is built; the first problem is named. */
final class SpecValidator {
  private SpecValidator() {}

  static void validate(PoolSpec spec) {
    if (spec == null) {
      fail("no spec");
    }
    if (spec.hosts().isEmpty()) {
      fail("a pool needs at least one host");
    }
    PoolSpec.Credentials c = spec.credentials();
    if (c != null && (blank(c.user()) || blank(c.password()))) {
      fail("credentials need both a user and a password");
    }
    Set<String> uuids = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    Set<String> serials = new HashSet<>();
    Map<String, PoolSpec.HostSpec> hosts = new HashMap<>();
    Map<String, Long> free = new HashMap<>();
    int masters = 0;
    for (PoolSpec.HostSpec h : spec.hosts()) {
      if (blank(h.name())) {
        fail("every host needs a name");
      }
      if (hosts.put(h.name(), h) != null) {
        fail("host name " + h.name() + " is used twice");
      }
      uuid(h.uuid(), "host " + h.name(), uuids);
      if (blank(h.address()) || !addresses.add(h.address())) {
        fail("host " + h.name() + " needs an address of its own, got " + h.address());
      }
      if (h.serial() != null && (blank(h.serial()) || !serials.add(h.serial()))) {
        fail("host " + h.name() + " needs a serial of its own, got " + h.serial());
      }
      if (h.rootPassword() != null && blank(h.rootPassword())) {
        fail("host " + h.name() + ": rootPassword may not be blank (leave it out for the pool's)");
      }
      if (h.memoryMiB() <= 0) {
        fail("host " + h.name() + " needs memoryMiB > 0");
      }
      List<String> nics = h.nics() == null || h.nics().isEmpty() ? List.of("eth0", "eth1") : h.nics();
      if (new HashSet<>(nics).size() != nics.size()) {
        fail("host " + h.name() + " names a NIC twice: " + nics);
      }
      if (h.managementNic() != null && !nics.contains(h.managementNic())) {
        fail("host " + h.name() + ": management NIC " + h.managementNic() + " is not one of " + nics);
      }
      if (Boolean.TRUE.equals(h.master())) {
        masters++;
      }
      long bytes = h.memoryMiB() * SpecBuilder.MIB;
      free.put(h.name(), bytes - SpecBuilder.dom0Memory(bytes));
    }
    if (masters > 1) {
      fail("only one host may be master, " + masters + " say so");
    }
    Map<String, PoolSpec.SrSpec> srs = new HashMap<>();
    for (PoolSpec.SrSpec s : spec.srs()) {
      if (blank(s.name())) {
        fail("every SR needs a name");
      }
      if (srs.put(s.name(), s) != null) {
        fail("SR name " + s.name() + " is used twice");
      }
      uuid(s.uuid(), "SR " + s.name(), uuids);
      if (!s.shared() && !hosts.containsKey(s.owner())) {
        fail("local SR " + s.name() + " needs an owner host, got " + s.owner());
      }
    }
    if (spec.defaultSr() != null && !srs.containsKey(spec.defaultSr())) {
      fail("default SR " + spec.defaultSr() + " is not one of the SRs");
    }
    Set<String> vmNames = new HashSet<>();
    for (PoolSpec.VmSpec v : spec.vms()) {
      if (blank(v.name()) || !vmNames.add(v.name())) {
        fail("every VM needs a name of its own, got " + v.name());
      }
      uuid(v.uuid(), "VM " + v.name(), uuids);
      if (v.memoryMiB() <= 0) {
        fail("VM " + v.name() + " needs memoryMiB > 0");
      }
      PowerState state;
      try {
        state = v.powerState() == null ? PowerState.HALTED : PowerState.fromXapi(v.powerState());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("pool spec: VM " + v.name() + ": " + e.getMessage(), e);
      }
      String prio = v.haRestartPriority() == null ? "" : v.haRestartPriority();
      if (!List.of("", "restart", "best-effort").contains(prio)) {
        fail("VM " + v.name() + ": haRestartPriority must be restart, best-effort or empty, got " + prio);
      }
      boolean active = Db.active(state);
      if (active && !hosts.containsKey(v.residentOn())) {
        fail("VM " + v.name() + " is " + state.xapiName() + " and needs residentOn one of the hosts, got "
            + v.residentOn());
      }
      if (!active && v.residentOn() != null) {
        fail("VM " + v.name() + " is " + state.xapiName() + " and cannot be resident on a host");
      }
      for (PoolSpec.DiskSpec d : v.disks() == null ? List.<PoolSpec.DiskSpec>of() : v.disks()) {
        PoolSpec.SrSpec sr = srs.get(d.sr());
        if (sr == null) {
          fail("VM " + v.name() + " has a disk on unknown SR " + d.sr());
        }
        uuid(d.uuid(), "a disk of VM " + v.name(), uuids);
        if (d.mode() != null && !List.of("RW", "RO").contains(d.mode())) {
          fail("VM " + v.name() + ": disk mode must be RW or RO, got " + d.mode());
        }
        if (active && !sr.shared() && !sr.owner().equals(v.residentOn())) {
          fail("VM " + v.name() + " runs on " + v.residentOn() + " but has a disk on " + sr.owner()
              + "'s local SR " + sr.name());
        }
      }
      if (active) {
        long left = free.merge(v.residentOn(), -v.memoryMiB() * SpecBuilder.MIB, Long::sum);
        if (left < 0) {
          fail("host " + v.residentOn() + " has not enough memory for its running VMs (at " + v.name() + ")");
        }
      }
    }
  }

  private static void uuid(String u, String what, Set<String> seen) {
    if (u == null) {
      return;
    }
    try {
      UUID.fromString(u);
    } catch (IllegalArgumentException e) {
      fail(what + " has a malformed uuid: " + u);
    }
    if (!seen.add(u)) {
      fail(what + " reuses uuid " + u);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static void fail(String why) {
    throw new IllegalArgumentException("pool spec: " + why);
  }
}
