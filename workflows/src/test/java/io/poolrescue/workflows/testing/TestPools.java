package io.poolrescue.workflows.testing;

import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.PoolSpec.DiskSpec;
import io.poolrescue.simulator.PoolSpec.HostSpec;
import io.poolrescue.simulator.PoolSpec.SrSpec;
import io.poolrescue.simulator.PoolSpec.VmSpec;
import java.util.List;

/** Pools the presets do not cover. */
public final class TestPools {
  private TestPools() {}

  /**
   * The layout of the {@code small} preset (3 hosts, one shared NFS SR, a local SR each, 12 VMs),
   * with the default SR chosen by the test: after a master failure a default SR local to the old
   * master is exactly what the documentation warns about.
   */
  public static PoolSpec small(String defaultSr) {
    return small("small-default-" + defaultSr, "127.0.10.", null, defaultSr);
  }

  /**
   * The same layout at {@code prefix}1 to 3 (e.g. {@code "127.0.71."}), its hosts' uuids starting with
   * {@code uuidPrefix} (8 hex digits): a pool that can stand beside another in one inventory.
   */
  public static PoolSpec smallAt(String name, String prefix, String uuidPrefix) {
    return small(name, prefix, uuidPrefix, "nfs-shared");
  }

  /**
   * The {@code small} layout where host-2 also holds vm-13, a restart VM of HA start order 2: its
   * restart tier has two start orders above a best-effort VM and one without priority.
   */
  public static PoolSpec smallWithTwoStartOrders() {
    return small("small-two-orders", "127.0.10.", null, "nfs-shared",
        List.of(vm("vm-13", 2048, "host-2", "restart", 2, "nfs-shared")));
  }

  private static PoolSpec small(String name, String prefix, String uuidPrefix, String defaultSr) {
    return small(name, prefix, uuidPrefix, defaultSr, List.of());
  }

  private static PoolSpec small(String name, String prefix, String uuidPrefix, String defaultSr, List<VmSpec> more) {
    List<HostSpec> hosts = List.of(host("host-1", prefix + 1, uuid(uuidPrefix, 1), true),
        host("host-2", prefix + 2, uuid(uuidPrefix, 2), false), host("host-3", prefix + 3, uuid(uuidPrefix, 3), false));
    List<SrSpec> srs = List.of(new SrSpec("nfs-shared", null, "nfs", true, null, null),
        new SrSpec("local-host-1", null, "ext", false, "host-1", null),
        new SrSpec("local-host-2", null, "ext", false, "host-2", null),
        new SrSpec("local-host-3", null, "ext", false, "host-3", null));
    String nfs = "nfs-shared";
    List<VmSpec> vms = new java.util.ArrayList<>(List.of(
        vm("vm-01", 4096, "host-1", "restart", 1, nfs), vm("vm-02", 2048, "host-1", "best-effort", 2, nfs),
        vm("vm-03", 2048, "host-1", "", 0, nfs), vm("vm-04", 4096, "host-1", "restart", 2, "local-host-1"),
        vm("vm-05", 4096, "host-2", "restart", 1, nfs), vm("vm-06", 2048, "host-2", "best-effort", 3, nfs),
        vm("vm-07", 8192, "host-2", "", 0, nfs), vm("vm-08", 2048, "host-2", "restart", 3, "local-host-2", nfs),
        vm("vm-09", 4096, "host-3", "restart", 2, nfs), vm("vm-10", 2048, "host-3", "", 0, nfs),
        vm("vm-11", 4096, "host-3", "best-effort", 1, nfs)));
    vms.addAll(more);
    return new PoolSpec(name, null, hosts, srs, vms, defaultSr, false);
  }

  private static String uuid(String prefix, int host) {
    return prefix == null ? null : String.format("%s-0000-4000-8000-%012d", prefix, host);
  }

  private static HostSpec host(String name, String address, String uuid, boolean master) {
    return new HostSpec(name, uuid, address, 65536, List.of("eth0", "eth1"), "eth0", master);
  }

  private static VmSpec vm(String name, long mib, String host, String prio, long order, String... srs) {
    List<DiskSpec> disks = java.util.Arrays.stream(srs).map(sr -> new DiskSpec(sr, null, null, "RW")).toList();
    return new VmSpec(name, null, mib, "Running", host, prio, order, 1L, disks);
  }
}
