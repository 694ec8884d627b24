package io.poolrescue.activities.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.ActivityImplementations;
import io.poolrescue.activities.TestApprovals;
import io.poolrescue.activities.TransferMarker;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.backup.BackupKeyring;
import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.backupstore.BackupBatchResult;
import io.poolrescue.activities.backupstore.BackupStoreActivities;
import io.poolrescue.activities.backupstore.RetentionResult;
import io.poolrescue.activities.hostrestore.HostConfigCheck;
import io.poolrescue.activities.hostrestore.HostRestoreActivities;
import io.poolrescue.activities.metadata.ImportCheck;
import io.poolrescue.activities.metadata.ImportOutcome;
import io.poolrescue.activities.metadata.MetadataImportActivities;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.activities.pbd.PbdRepair;
import io.poolrescue.activities.pbd.PbdRepairActivities;
import io.poolrescue.activities.pbd.PbdRepairPlan;
import io.poolrescue.activities.pbd.SrRepairResult;
import io.poolrescue.activities.poolrestore.PoolRestoreActivities;
import io.poolrescue.activities.poolrestore.RestoreAttempt;
import io.poolrescue.activities.poolrestore.RestoredMaster;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.fence.HostFencing;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.ManualClock;
import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.PoolSpec.DiskSpec;
import io.poolrescue.simulator.PoolSpec.HostSpec;
import io.poolrescue.simulator.PoolSpec.SrSpec;
import io.poolrescue.simulator.PoolSpec.VmSpec;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore activities, each run twice in a row through Temporal's activity test
 * environment on the simulated pool: the second run leaves the pool as the first left it and adds no
 * successful pool-changing call to the journal.
 */
class RestoreActivitiesIdempotencyTest {
  private static final ActivityOptions ONCE = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(1))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();
  private static final long MIB = 1024L * 1024L;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
  private SimulatedPool sim;
  private DirectoryBackupStore store;
  private TestActivityEnvironment env;
  /** The restore and the forced import rest on approved gates of the test run. */
  private TestApprovals approved;
  /** Where the state is read; null: the pool's current master (after a pool loss, the fresh target). */
  private String stateAt;

  private void world(SimulatedPool pool) {
    sim = pool;
    store = new DirectoryBackupStore(dir.resolve("store"), BackupKeyring.generate(dir.resolve("key")));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        ActivityImplementations.create(new ActivityDependencies(sim, store, new LoggingNotificationSink(),
            HostFencing.none(Clock.systemUTC()), false).withCallingRun(TestApprovals.CALLING)).toArray());
    approved = TestApprovals.in(env);
  }

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  private <T> T stub(Class<T> type) {
    return env.newActivityStub(type, ONCE);
  }

  private <T> List<T> twice(Supplier<T> action) {
    T first = action.get();
    String afterFirst = state();
    int journalAfterFirst = sim.journal().size();
    T second = action.get();
    assertEquals(afterFirst, state(), "the second run changed the pool");
    List<JournalEntry> added = sim.journal().since(journalAfterFirst);
    assertTrue(added.stream().noneMatch(e -> e.succeeded() && !e.args().contains("dry_run=true")),
        "the second run changed something: " + added);
    return List.of(first, second);
  }

  private String state() {
    PoolSnapshot s;
    try (var c = sim.connect(stateAt == null ? sim.masterAddress() : stateAt)) {
      s = c.snapshot();
    }
    Set<String> lines = new TreeSet<>();
    lines.add("pool " + s.pool().uuid() + " master=" + s.pool().masterRef() + " defaultSr=" + s.pool().defaultSrRef());
    s.hosts().forEach(h -> lines.add("host " + h.uuid() + " " + h.address() + " live=" + h.live()));
    s.vms().forEach(v -> lines.add("vm " + v.uuid() + " " + v.powerState() + " v" + v.version() + " " + v.vbdRefs().size()));
    s.pbds().forEach(p -> lines.add("pbd " + p.uuid() + " " + p.hostRef() + " " + p.srRef() + " attached="
        + p.currentlyAttached() + " " + new TreeMap<>(p.deviceConfig())));
    return String.join("\n", lines);
  }

  private Instant now() {
    return clock.now();
  }

  @Test
  void aBackupRoundRepeatedFindsItsBackupsAndStoresNothingTwice() {
    world(SimulatedPool.preset("small", clock, SimTimings.defaults()));
    BackupStoreActivities backups = stub(BackupStoreActivities.class);
    Instant round = now();
    List<BackupRecord> dumps = twice(() -> backups.storePoolDatabaseDump(sim.masterAddress(), round));
    assertEquals(dumps.get(0), dumps.get(1));
    List<BackupBatchResult> hosts = twice(() -> backups.storeHostBackups(sim.masterAddress(), round));
    assertEquals(3, hosts.get(0).stored());
    assertEquals(3, hosts.get(1).alreadyStored());
    assertEquals(0, hosts.get(1).stored());
    List<BackupBatchResult> vms = twice(() -> backups.storeVmMetadataExports(sim.masterAddress(), round));
    assertEquals(12, vms.get(0).stored());
    assertEquals(12, vms.get(1).alreadyStored());
    assertEquals(1, store.list(Kind.POOL_DATABASE, null).size());
    assertEquals(12, store.list(Kind.VM_METADATA, null).size());

    clock.advance(Duration.ofHours(1));
    backups.storePoolDatabaseDump(sim.masterAddress(), now());
    // another pool's dumps in the same store: this pool's retention leaves them alone
    store.put(new BackupArtefact(Kind.POOL_DATABASE, "other-pool-uuid", now().minus(Duration.ofDays(2)), new byte[] {1}));
    store.put(new BackupArtefact(Kind.POOL_DATABASE, "other-pool-uuid", now().minus(Duration.ofDays(1)), new byte[] {2}));
    List<RetentionResult> pruned = twice(() -> backups.pruneBackups(sim.masterAddress(), Kind.POOL_DATABASE, 1));
    assertEquals(1, pruned.get(0).deleted());
    assertEquals(0, pruned.get(1).deleted());
    assertEquals(2, store.list(Kind.POOL_DATABASE, "other-pool-uuid").size(), "the other pool's backups are kept");
  }

  @Test
  void thePoolRestoreStepsRepeatedChangeNothingMore() {
    world(SimulatedPool.preset("small", clock, SimTimings.defaults()));
    PoolRestoreActivities restore = stub(PoolRestoreActivities.class);
    PbdRepairActivities pbds = stub(PbdRepairActivities.class);
    String poolUuid = sim.snapshot().pool().uuid();
    Sr nfs = sim.snapshot().srs().stream().filter(s -> s.nameLabel().equals("nfs-shared")).findFirst().orElseThrow();
    BackupRecord backup = store.put(new BackupArtefact(Kind.POOL_DATABASE, poolUuid, now(), sim.dumpDatabase()));
    String target = "127.0.30.1";
    sim.addFreshHost(new FreshHostSpec("fresh-1", target, 65536 * MIB, List.of("eth0", "eth1"), "eth0"));
    sim.loseAllHosts();
    stateAt = target;

    twice(() -> restore.restorePoolDatabase(target, backup.id(), true, null));
    assertEquals(RestoreAttempt.Action.RESTORED, restore.restorePoolDatabase(target, backup.id(), false,
        approved.of(GateIds.RESTORE_DATABASE)).action());
    // a retry of that attempt (its heartbeat says when it sent the restore) during the 30 s fuse, while
    // the target still serves its fresh database, and then while it reboots: refused as "not ready",
    // retryably, and nothing is sent again
    long sentAt = System.currentTimeMillis();
    for (int s : new int[] {10, 30}) {
      env.setHeartbeatDetails(sentAt); // each attempt reads the details once
      clock.advance(Duration.ofSeconds(s));
      ActivityFailure notYet = assertThrows(ActivityFailure.class,
          () -> restore.restorePoolDatabase(target, backup.id(), false, approved.of(GateIds.RESTORE_DATABASE)));
      assertEquals(PoolRestoreActivities.RESTORE_TARGET_NOT_READY, ((ApplicationFailure) notYet.getCause()).getType());
    }
    clock.advance(Duration.ofMinutes(2));
    List<RestoreAttempt> again = twice(() -> {
      env.setHeartbeatDetails(sentAt);
      return restore.restorePoolDatabase(target, backup.id(), false, approved.of(GateIds.RESTORE_DATABASE));
    });
    // the restore the marker names took effect: it is reported as this activity's, whichever attempt heard it
    assertEquals(RestoreAttempt.Action.RESTORED, again.get(0).action());
    assertEquals(1, sim.journal().entries().stream().filter(e -> e.call().equals("PUT /pool/xmldbdump")
        && e.args().contains("dry_run=false") && e.succeeded()).count());
    List<RestoredMaster> masters = twice(() -> restore.restoredMaster(target, poolUuid));
    assertEquals(masters.get(0), masters.get(1));

    // the new site's NFS server answers to another device config: recreate the master's PBD, twice
    Map<String, String> newConfig = Map.of("server", "10.9.9.9", "serverpath", "/exports/pool");
    sim.setStorageTarget(nfs.uuid(), newConfig);
    Host master = sim.snapshot().master().orElseThrow();
    PbdRepairPlan plan = pbds.planPbdRepairs(target, Map.of(nfs.uuid(), newConfig));
    assertEquals(List.of(PbdRepair.Action.RECREATE), plan.toDo().stream().map(PbdRepair::action).toList());
    List<PbdRepair> recreated = twice(() -> pbds.recreatePbd(target, nfs.uuid(), master.uuid(), newConfig));
    assertEquals(PbdRepair.Action.RECREATED, recreated.get(0).action());
    assertEquals(PbdRepair.Action.ALREADY_DONE, recreated.get(1).action());
    // a retry of the first attempt (its reply lost after the old PBD was removed) reports the replacement as done
    env.setHeartbeatDetails(System.currentTimeMillis());
    assertEquals(PbdRepair.Action.RECREATED, pbds.recreatePbd(target, nfs.uuid(), master.uuid(), newConfig).action());
    assertTrue(pbds.planPbdRepairs(target, Map.of(nfs.uuid(), newConfig)).toDo().isEmpty());
    List<List<SrRepairResult>> repaired = twice(() -> pbds.repairSrs(target, List.of(nfs.uuid())));
    assertEquals(1, repaired.get(1).get(0).alreadyAttached());
    assertEquals(1, sim.journal().successful("PBD.destroy").size());
    assertEquals(1, sim.journal().successful("PBD.create").size());
  }

  @Test
  void passwordsInDeviceConfigsAreRefusedBeforeAnythingIsRead() {
    world(SimulatedPool.preset("small", clock, SimTimings.defaults()));
    PbdRepairActivities pbds = stub(PbdRepairActivities.class);
    int journal = sim.journal().size();
    ActivityFailure f = assertThrows(ActivityFailure.class, () -> pbds.recreatePbd(sim.masterAddress(),
        "any", "any", Map.of("server", "cifs.example", "password", "hunter2")));
    ApplicationFailure cause = (ApplicationFailure) f.getCause();
    assertEquals("INVALID_REQUEST", cause.getType());
    assertTrue(cause.getOriginalMessage().contains("password_secret") && !cause.getOriginalMessage().contains("hunter2"));
    assertEquals(journal, sim.journal().size());
  }

  @Test
  void aHostRestoreFindsAndVerifiesTheBackupEveryTime() {
    world(SimulatedPool.preset("small", clock, SimTimings.defaults()));
    HostRestoreActivities hosts = stub(HostRestoreActivities.class);
    Host h2 = sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals("host-2")).findFirst().orElseThrow();
    BackupRecord b = store.put(new BackupArtefact(Kind.HOST_BACKUP, h2.uuid(), now(), sim.hostBackup(h2.uuid())));
    List<BackupRecord> chosen = twice(() -> hosts.chooseHostBackup(h2.uuid(), null));
    assertEquals(b, chosen.get(0));
    assertEquals(chosen.get(0), chosen.get(1));
    sim.damageConfig(h2.uuid());
    List<HostConfigCheck> checks = twice(() -> hosts.checkHost(sim.masterAddress(), h2.uuid()));
    assertEquals(checks.get(0).fingerprint(), checks.get(1).fingerprint());
    ActivityFailure notBack = assertThrows(ActivityFailure.class, () -> hosts.hostBack(sim.masterAddress(), h2.uuid()));
    assertEquals(HostRestoreActivities.HOST_NOT_BACK, ((ApplicationFailure) notBack.getCause()).getType());
  }

  @Test
  void aMislabelledHostBackupIsNeitherChosenNorUploaded() {
    world(SimulatedPool.preset("small", clock, SimTimings.defaults()));
    HostRestoreActivities hosts = stub(HostRestoreActivities.class);
    Host h2 = sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals("host-2")).findFirst().orElseThrow();
    Host h3 = sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals("host-3")).findFirst().orElseThrow();
    // stored as host-2's, but the image is host-3's control domain: the real script would stage it
    BackupRecord wrong = store.put(new BackupArtefact(Kind.HOST_BACKUP, h2.uuid(), now(), sim.hostBackup(h3.uuid())));
    int journal = sim.journal().size();
    ActivityFailure chosen = assertThrows(ActivityFailure.class, () -> hosts.chooseHostBackup(h2.uuid(), wrong.id()));
    assertEquals(XapiFailures.INVALID_REQUEST, ((ApplicationFailure) chosen.getCause()).getType());
    assertTrue(chosen.getCause().getMessage().contains("is an image of host " + h3.uuid()), chosen.getCause().getMessage());
    ActivityFailure upload = assertThrows(ActivityFailure.class, () -> hosts.uploadHostBackup(h2.address(), h2.uuid(),
        wrong.id(), approved.of(GateIds.UPLOAD_HOST_BACKUP, h2.uuid())));
    assertEquals(XapiFailures.INVALID_REQUEST, ((ApplicationFailure) upload.getCause()).getType());
    assertEquals(journal, sim.journal().size(), "nothing was sent to the host");
  }

  @Test
  void anUploadWhoseTaskIsGoneIsNeitherTakenAsStagedNorSentAgain() {
    world(SimulatedPool.preset("small", clock, SimTimings.defaults()));
    HostRestoreActivities hosts = stub(HostRestoreActivities.class);
    Host h2 = sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals("host-2")).findFirst().orElseThrow();
    BackupRecord b = store.put(new BackupArtefact(Kind.HOST_BACKUP, h2.uuid(), now(), sim.hostBackup(h2.uuid())));
    int journal = sim.journal().size();
    // an earlier attempt sent it under a task that can no longer be read (this client reads no tasks)
    env.setHeartbeatDetails(new TransferMarker(System.currentTimeMillis(), sim.masterAddress(), "OpaqueRef:gone",
        false));
    ActivityFailure unknown = assertThrows(ActivityFailure.class, () -> hosts.uploadHostBackup(h2.address(),
        h2.uuid(), b.id(), approved.of(GateIds.UPLOAD_HOST_BACKUP, h2.uuid())));
    ApplicationFailure cause = (ApplicationFailure) unknown.getCause();
    assertEquals(HostRestoreActivities.UPLOAD_OUTCOME_UNKNOWN, cause.getType());
    assertTrue(cause.isNonRetryable(), "a person decides whether to send it again");
    assertTrue(cause.getOriginalMessage().contains("OpaqueRef:gone"), cause.getOriginalMessage());
    assertEquals(journal, sim.journal().size(), "nothing was sent to the host");
  }

  /** A pool whose SAN holds the disk of vm-x but not that of vm-y; both VMs exist only in the export source. */
  private static PoolSpec pool(String name, String address, boolean withVms) {
    SrSpec san = new SrSpec("san", "5a4e0000-0000-4000-8000-00000000000a", "lvmoiscsi", true, null, Map.of("target", "san"));
    List<VmSpec> vms = withVms
        ? List.of(new VmSpec("vm-x", "0e000000-0000-4000-8000-00000000000e", 1024, "Halted", null, "", 0L, 1L,
              List.of(new DiskSpec("san", null, "x-disk", "RW"))),
            new VmSpec("vm-y", "0f000000-0000-4000-8000-00000000000f", 1024, "Halted", null, "", 0L, 1L,
              List.of(new DiskSpec("san", null, "y-disk", "RW"))))
        : List.of(new VmSpec("holder", null, 1024, "Halted", null, "", 0L, 1L,
            List.of(new DiskSpec("san", null, "x-disk", "RW"))));
    return new PoolSpec(name, null, List.of(new HostSpec(name + "-1", null, address, 16384, null, null, true)),
        List.of(san), vms, "san", false);
  }

  @Test
  void metadataImportsRepeatedFindTheVmsPresent() {
    world(SimulatedPool.fromSpec(pool("dr", "127.0.41.1", false), clock, SimTimings.defaults()));
    SimulatedPool prod = SimulatedPool.fromSpec(pool("prod", "127.0.40.1", true), clock, SimTimings.defaults());
    String x = store.put(new BackupArtefact(Kind.VM_METADATA, "0e000000-0000-4000-8000-00000000000e", now(),
        prod.exportVmMetadata("0e000000-0000-4000-8000-00000000000e"))).id();
    String y = store.put(new BackupArtefact(Kind.VM_METADATA, "0f000000-0000-4000-8000-00000000000f", now(),
        prod.exportVmMetadata("0f000000-0000-4000-8000-00000000000f"))).id();
    MetadataImportActivities imports = stub(MetadataImportActivities.class);
    String dr = sim.masterAddress();

    List<ImportCheck> checks = imports.dryRunImports(dr, List.of(x, y));
    assertEquals(List.of(ImportCheck.Verdict.WOULD_IMPORT, ImportCheck.Verdict.NEEDS_FORCE),
        checks.stream().map(ImportCheck::verdict).toList());
    assertEquals(XapiErrors.VDI_LOCATION_MISSING, checks.get(1).code());
    assertTrue(checks.get(1).forceEffect().contains("y-disk"), checks.get(1).forceEffect());

    List<List<ImportOutcome>> plain = twice(() -> imports.importExports(dr, List.of(x), false, null));
    assertEquals(ImportOutcome.Action.IMPORTED, plain.get(0).get(0).action());
    assertEquals(ImportOutcome.Action.ALREADY_PRESENT, plain.get(1).get(0).action());
    assertEquals(ImportOutcome.Action.FAILED, imports.importExports(dr, List.of(y), false, null).get(0).action(),
        "without force the missing disk is a refusal");
    List<List<ImportOutcome>> forced = twice(() -> imports.importExports(dr, List.of(y), true,
        approved.of(GateIds.IMPORT_WITH_FORCE)));
    assertEquals(ImportOutcome.Action.FORCED, forced.get(0).get(0).action());
    assertEquals(ImportOutcome.Action.ALREADY_PRESENT, forced.get(1).get(0).action());
    assertEquals(2, sim.journal().entries().stream().filter(e -> e.call().equals("PUT /import_metadata")
        && e.args().contains("dry_run=false") && e.succeeded()).count());
  }

  @Test
  void aRunningVmsMissingDiskIsRefusedEvenWithForce() {
    world(SimulatedPool.fromSpec(pool("dr", "127.0.41.1", false), clock, SimTimings.defaults()));
    SrSpec san = new SrSpec("san", "5a4e0000-0000-4000-8000-00000000000a", "lvmoiscsi", true, null, Map.of("target", "san"));
    String z = "0d000000-0000-4000-8000-00000000000d";
    SimulatedPool prod = SimulatedPool.fromSpec(new PoolSpec("prod", null,
        List.of(new HostSpec("prod-1", null, "127.0.40.1", 16384, null, null, true)), List.of(san),
        List.of(new VmSpec("vm-z", z, 1024, "Running", "prod-1", "", 0L, 1L,
            List.of(new DiskSpec("san", null, "z-disk", "RW")))), "san", false), clock, SimTimings.defaults());
    String id = store.put(new BackupArtefact(Kind.VM_METADATA, z, now(), prod.exportVmMetadata(z))).id();
    MetadataImportActivities imports = stub(MetadataImportActivities.class);
    String dr = sim.masterAddress();

    ImportCheck check = imports.dryRunImports(dr, List.of(id)).get(0);
    assertEquals(ImportCheck.Verdict.REFUSED, check.verdict(), check.forceEffect());
    assertEquals(XapiErrors.IMPORT_ERROR_ATTACHED_DISKS_NOT_FOUND, check.code());
    ImportOutcome forced = imports.importExports(dr, List.of(id), true, approved.of(GateIds.IMPORT_WITH_FORCE)).get(0);
    assertEquals(ImportOutcome.Action.FAILED, forced.action());
    assertEquals(XapiErrors.IMPORT_ERROR_ATTACHED_DISKS_NOT_FOUND, forced.code());
    assertTrue(sim.snapshot().vmByUuid(z).isEmpty(), "nothing was imported");
  }
}
