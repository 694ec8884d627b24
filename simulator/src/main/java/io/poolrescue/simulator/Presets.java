package io.poolrescue.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ready-made pools. {@code small}: 3 hosts, 12 VMs, one shared NFS SR as default and a local SR
 * per host. {@code small-ha}: the same with HA on. {@code large}: 64 hosts, 4,096 VMs, four shared
 * SRs and a local SR per host, with room to absorb a lost host.
 */
final class Presets {
  static final List<String> NAMES = List.of("small", "small-ha", "large");

  private Presets() {}

  static PoolSpec named(String name) {
    return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
      case "small" -> small(false);
      case "small-ha" -> small(true);
      case "large" -> large();
      default -> throw new IllegalArgumentException("unknown preset " + name + "; known: " + NAMES);
    };
  }

  private static PoolSpec.HostSpec host(String name, String address, long mib, boolean master) {
    // a serial a person can match with the host name (SIM-HOST-1), as a chassis label would show
    String serial = "SIM-" + name.toUpperCase(Locale.ROOT);
    return new PoolSpec.HostSpec(name, null, address, mib, List.of("eth0", "eth1"), "eth0", master, serial);
  }

  private static PoolSpec.VmSpec vm(String name, long mib, String state, String host, String prio, long order,
      String... srs) {
    List<PoolSpec.DiskSpec> disks = new ArrayList<>();
    for (String sr : srs) {
      disks.add(new PoolSpec.DiskSpec(sr, null, null, "RW"));
    }
    return new PoolSpec.VmSpec(name, null, mib, state, host, prio, order, 1L, disks);
  }

  static PoolSpec small(boolean ha) {
    List<PoolSpec.HostSpec> hosts = List.of(
        host("host-1", "127.0.10.1", 65536, true),
        host("host-2", "127.0.10.2", 65536, false),
        host("host-3", "127.0.10.3", 65536, false));
    List<PoolSpec.SrSpec> srs = List.of(
        new PoolSpec.SrSpec("nfs-shared", null, "nfs", true, null, null),
        new PoolSpec.SrSpec("local-host-1", null, "ext", false, "host-1", null),
        new PoolSpec.SrSpec("local-host-2", null, "ext", false, "host-2", null),
        new PoolSpec.SrSpec("local-host-3", null, "ext", false, "host-3", null));
    String nfs = "nfs-shared";
    List<PoolSpec.VmSpec> vms = List.of(
        vm("vm-01", 4096, "Running", "host-1", "restart", 1, nfs),
        vm("vm-02", 2048, "Running", "host-1", "best-effort", 2, nfs),
        vm("vm-03", 2048, "Running", "host-1", "", 0, nfs),
        vm("vm-04", 4096, "Running", "host-1", "restart", 2, "local-host-1"),
        vm("vm-05", 4096, "Running", "host-2", "restart", 1, nfs),
        vm("vm-06", 2048, "Running", "host-2", "best-effort", 3, nfs),
        vm("vm-07", 8192, "Running", "host-2", "", 0, nfs),
        vm("vm-08", 2048, "Running", "host-2", "restart", 3, "local-host-2", nfs),
        vm("vm-09", 4096, "Running", "host-3", "restart", 2, nfs),
        vm("vm-10", 2048, "Running", "host-3", "", 0, nfs),
        vm("vm-11", 4096, "Running", "host-3", "best-effort", 1, nfs),
        vm("vm-12", 2048, "Halted", null, "", 0, nfs));
    return new PoolSpec(ha ? "small-ha" : "small", null, hosts, srs, vms, nfs, ha);
  }

  static PoolSpec large() {
    int hostCount = 64;
    List<PoolSpec.HostSpec> hosts = new ArrayList<>();
    List<PoolSpec.SrSpec> srs = new ArrayList<>();
    String[] shared = {"iscsi-a", "iscsi-b", "nfs-a", "nfs-b"};
    for (String s : shared) {
      srs.add(new PoolSpec.SrSpec(s, null, s.startsWith("nfs") ? "nfs" : "lvmoiscsi", true, null, null));
    }
    for (int h = 1; h <= hostCount; h++) {
      String name = String.format("host-%02d", h);
      hosts.add(host(name, "127.0.20." + h, 262144, h == 1));
      srs.add(new PoolSpec.SrSpec("local-" + name, null, "ext", false, name, null));
    }
    long[] sizes = {1024, 2048, 4096, 2048};
    String[] prios = {"restart", "best-effort", ""};
    List<PoolSpec.VmSpec> vms = new ArrayList<>(4096);
    for (int i = 0; i < 4096; i++) {
      String name = String.format("vm-%04d", i + 1);
      String host = String.format("host-%02d", i % hostCount + 1);
      boolean halted = (i / hostCount) % 16 == 15;
      int round = i / hostCount; // the VMs of one host get a mix of sizes and SRs
      String[] disks = round % 8 == 3 && !halted
          ? new String[] {shared[(i + round) % 4], "local-" + host}
          : new String[] {shared[(i + round) % 4]};
      vms.add(vm(name, sizes[round % 4], halted ? "Halted" : "Running", halted ? null : host, prios[i % 3], i % 5, disks));
    }
    return new PoolSpec("large", null, hosts, srs, vms, "nfs-a", false);
  }
}
