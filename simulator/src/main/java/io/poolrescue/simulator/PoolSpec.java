package io.poolrescue.simulator;

import java.util.List;
import java.util.Map;

/**
 * A pool described in JSON (see {@code pool/src/test/resources/specs/}). Hosts and SRs are named by
 * {@code name}; uuids are optional and generated deterministically when absent. Memory is in MiB.
 * Nulls take the defaults documented per field; {@link SimulatedPool#fromSpec} checks the whole
 * description and names the first problem it finds.
 */
public record PoolSpec(
    String name,
    Credentials credentials,
    List<HostSpec> hosts,
    List<SrSpec> srs,
    List<VmSpec> vms,
    String defaultSr,
    Boolean haEnabled) {

  public PoolSpec {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    srs = srs == null ? List.of() : List.copyOf(srs);
    vms = vms == null ? List.of() : List.copyOf(vms);
  }

  /** Pool root credentials; absent means {@code root} / {@code poolrescue-sim}. */
  public record Credentials(String user, String password) {
    @Override
    public String toString() {
      return "Credentials[user=" + user + ", password=<hidden>]";
    }
  }

  /**
   * A host. {@code master}: exactly one host may say true; when none does the first host is master.
   * {@code nics} default {@code [eth0, eth1]}, {@code managementNic} defaults to the first NIC.
   * {@code serial} (the BIOS serial number its BMC reports too) is made from the uuid when absent.
   * {@code rootPassword} is root's password on this host; absent means the pool's credentials.
   */
  public record HostSpec(
      String name, String uuid, String address, long memoryMiB, List<String> nics, String managementNic,
      Boolean master, String serial, String rootPassword) {

    /** A host with the pool's root password. */
    public HostSpec(String name, String uuid, String address, long memoryMiB, List<String> nics,
        String managementNic, Boolean master, String serial) {
      this(name, uuid, address, memoryMiB, nics, managementNic, master, serial, null);
    }

    @Override
    public String toString() {
      return "HostSpec[name=" + name + ", uuid=" + uuid + ", address=" + address + ", master=" + master
          + (rootPassword == null ? "" : ", rootPassword=<hidden>") + "]";
    }

    /** A host whose serial is made up. */
    public HostSpec(String name, String uuid, String address, long memoryMiB, List<String> nics,
        String managementNic, Boolean master) {
      this(name, uuid, address, memoryMiB, nics, managementNic, master, null);
    }
  }

  /**
   * An SR. A local SR ({@code shared=false}) names its {@code owner} host. {@code deviceConfig} is
   * what the PBDs carry and what the storage answers to; a default is made up when absent.
   */
  public record SrSpec(
      String name, String uuid, String type, boolean shared, String owner, Map<String, String> deviceConfig) {}

  /**
   * A VM. {@code powerState} is XAPI's spelling ({@code Running}, {@code Halted}, {@code Suspended},
   * {@code Paused}); running and paused VMs name their {@code residentOn} host.
   * {@code haRestartPriority} is {@code restart}, {@code best-effort} or empty; {@code version}
   * defaults to 1.
   */
  public record VmSpec(
      String name, String uuid, long memoryMiB, String powerState, String residentOn, String haRestartPriority,
      Long order, Long version, List<DiskSpec> disks) {}

  /** A disk: the SR it lives on (by name), an optional uuid and location, mode {@code RW} (default) or {@code RO}. */
  public record DiskSpec(String sr, String uuid, String location, String mode) {}

  /** Credentials with defaults applied. */
  Credentials effectiveCredentials() {
    if (credentials == null || credentials.user() == null || credentials.password() == null) {
      return new Credentials("root", "poolrescue-sim");
    }
    return credentials;
  }

  static Map<String, String> copy(Map<String, String> m) {
    return m == null ? Map.of() : Map.copyOf(m);
  }
}
