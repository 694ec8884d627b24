package io.poolrescue.workflows.metadata;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.PoolSpec.DiskSpec;
import io.poolrescue.simulator.PoolSpec.HostSpec;
import io.poolrescue.simulator.PoolSpec.SrSpec;
import io.poolrescue.simulator.PoolSpec.VmSpec;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * VMs exported from a production pool and imported into a disaster-recovery pool that shares the
 * SAN (same SR uuid, replicated disks) but not everything:
 * <ul>
 *   <li>{@code vm-a}: the DR pool has it, Halted, at a newer version (3: recovered twice, more than
 *       this export's 1 + 1): force replaces it;</li>
 *   <li>{@code vm-b}: the DR pool runs it: force skips it;</li>
 *   <li>{@code vm-c}: exported while Halted, its disk was not replicated: force imports it without the
 *       disk (XAPI would refuse that for a VM exported while running);</li>
 *   <li>{@code vm-d}: everything is there: a plain import works.</li>
 * </ul>
 */
final class ImportScenario {
  static final String SAN = "5a4e0000-0000-4000-8000-00000000000a";
  static final String VM_A = "a0000000-0000-4000-8000-00000000000a";
  static final String VM_B = "b0000000-0000-4000-8000-00000000000b";
  static final String VM_C = "c0000000-0000-4000-8000-00000000000c";
  static final String VM_D = "d0000000-0000-4000-8000-00000000000d";
  static final Map<String, String> SAN_CONFIG = Map.of("target", "10.0.0.50", "targetIQN", "iqn.2026-01.san:lun1");

  private ImportScenario() {}

  private static VmSpec vm(String name, String uuid, String state, String host, long version, String location) {
    return new VmSpec(name, uuid, 2048, state, host, "restart", 1L, version,
        List.of(new DiskSpec("san", null, location, "RW")));
  }

  private static SrSpec san() {
    return new SrSpec("san", SAN, "lvmoiscsi", true, null, SAN_CONFIG);
  }

  static PoolSpec production() {
    return new PoolSpec("prod", null,
        List.of(new HostSpec("prod-1", null, "127.0.40.1", 65536, null, null, true)),
        List.of(san()),
        List.of(vm("vm-a", VM_A, "Running", "prod-1", 1, "a-disk"), vm("vm-b", VM_B, "Running", "prod-1", 1, "b-disk"),
            vm("vm-c", VM_C, "Halted", null, 1, "c-disk"), vm("vm-d", VM_D, "Running", "prod-1", 1, "d-disk")),
        "san", false);
  }

  static PoolSpec disasterRecovery() {
    return new PoolSpec("dr", null,
        List.of(new HostSpec("dr-1", null, "127.0.41.1", 65536, null, null, true),
            new HostSpec("dr-2", null, "127.0.41.2", 65536, null, null, false)),
        List.of(san()),
        List.of(vm("vm-a", VM_A, "Halted", null, 3, "a-disk"), vm("vm-b", VM_B, "Running", "dr-1", 1, "b-disk"),
            // holds the replicated disk of vm-d; vm-c's disk was not replicated
            vm("disk-holder", null, "Halted", null, 1, "d-disk")),
        "san", false);
  }

  /** Exports of the four VMs taken from the production pool into the worker's store; returns their ids a, b, c, d. */
  static List<String> exportProduction(BackupStore store, Instant at) {
    SimulatedPool prod = SimulatedPool.fromSpec(production(), () -> at, SimTimings.defaults());
    return List.of(VM_A, VM_B, VM_C, VM_D).stream()
        .map(vm -> store.put(new BackupArtefact(Kind.VM_METADATA, vm, at, prod.exportVmMetadata(vm))))
        .map(BackupRecord::id).toList();
  }
}
