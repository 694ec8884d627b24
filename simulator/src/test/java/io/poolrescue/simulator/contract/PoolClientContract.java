package io.poolrescue.simulator.contract;

import io.poolrescue.pool.PoolConnector;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.simulator.ManualClock;
import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.SimLatencies;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link PoolClient} route to a simulated pool must show, whatever carries the
 * calls: in-process ({@code SimulatedPoolContractTest}) or XapiClient over loopback HTTP to an
 * XapiServer. Each test builds its own pool on a ManualClock, injects faults on the simulator, and
 * performs operations only through {@link #connectorFor}. Fresh hosts fresh-1..fresh-4 (127.0.30.N)
 * are added before the connector is made, so a server can bind every address up front.
 */
public abstract class PoolClientContract {
  /** One GiB in bytes. */
  static final long GIB = 1L << 30;
  /** {@link Setup#SLOW_STARTUP}: an agent's start-up after its 10 s fuse or a boot, in seconds. */
  static final long STARTUP_S = 5;
  /** {@link Setup#SLOW_STARTUP}: one PBD.plug, in seconds. */
  static final long PLUG_S = 4;

  private final List<SimulatedPool> made = new ArrayList<>();

  /** The only route to the pool: in-process, or a client talking to a server over the wire. */
  protected abstract PoolConnector connectorFor(SimulatedPool sim);

  /** Called after each test for every pool it made (stop servers here). */
  protected void release(SimulatedPool sim) {}

  @AfterEach
  void releaseAll() {
    made.forEach(this::release);
    made.clear();
  }

  protected Fx fixture(Setup setup) {
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    SimulatedPool sim = switch (setup) {
      case SMALL -> SimulatedPool.preset("small", clock, SimTimings.defaults());
      case TIGHT -> SimulatedPool.fromSpec(tightSpec(), clock, SimTimings.defaults());
      case SLOW_STARTUP -> SimulatedPool.preset("small", clock, SimTimings.defaults(), SimLatencies.instant()
          .withAgentStartup(Duration.ofSeconds(STARTUP_S)).withPbdPlug(Duration.ofSeconds(PLUG_S)));
      case PAIR -> SimulatedPool.fromSpec(pairSpec(), clock, SimTimings.defaults());
    };
    Map<String, String> fresh = new LinkedHashMap<>();
    fresh.put("fresh-1", sim.addFreshHost(freshSpec(1, List.of("eth0", "eth1"), "eth0")));
    fresh.put("fresh-2", sim.addFreshHost(freshSpec(2, List.of("eth0", "eth1"), "eth0")));
    fresh.put("fresh-3", sim.addFreshHost(freshSpec(3, List.of("eth0"), "eth0")));
    fresh.put("fresh-4", sim.addFreshHost(freshSpec(4, List.of("eth0", "eth1", "eth2"), "eth2")));
    made.add(sim);
    return new Fx(sim, clock, connectorFor(sim), fresh);
  }

  protected Fx small() {
    return fixture(Setup.SMALL);
  }

  protected Fx slowStartup() {
    return fixture(Setup.SLOW_STARTUP);
  }

  private static FreshHostSpec freshSpec(int n, List<String> nics, String mgmt) {
    return new FreshHostSpec("fresh-" + n, "127.0.30." + n, 64 * GIB, nics, mgmt);
  }

  static PoolSpec tightSpec() {
    return new PoolSpec("tight", null,
        List.of(new PoolSpec.HostSpec("tight-1", null, "127.0.40.1", 8192, null, null, true),
            new PoolSpec.HostSpec("tight-2", null, "127.0.40.2", 8192, null, null, false)),
        List.of(new PoolSpec.SrSpec("shared", null, "nfs", true, null, null)),
        List.of(new PoolSpec.VmSpec("vm-big", null, 6144, "Running", "tight-1", "restart", 0L, 1L,
                List.of(new PoolSpec.DiskSpec("shared", null, null, "RW"))),
            new PoolSpec.VmSpec("vm-extra", null, 4096, "Halted", null, "", 0L, 1L,
                List.of(new PoolSpec.DiskSpec("shared", null, null, "RW")))),
        "shared", false);
  }

  static PoolSpec pairSpec() {
    return new PoolSpec("pair", null,
        List.of(new PoolSpec.HostSpec("pair-1", null, "127.0.50.1", 16384, null, null, true),
            new PoolSpec.HostSpec("pair-2", null, "127.0.50.2", 16384, null, null, false)),
        List.of(new PoolSpec.SrSpec("vm-store", null, "nfs", true, null, null),
            new PoolSpec.SrSpec("heartbeat", null, "nfs", true, null, null)),
        List.of(new PoolSpec.VmSpec("vm-ha", null, 2048, "Running", "pair-1", "restart", 1L, 1L,
            List.of(new PoolSpec.DiskSpec("vm-store", null, null, "RW")))),
        "vm-store", false);
  }

  // ---- every refusal, table-driven

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.poolrescue.simulator.contract.RefusalCases#all")
  void refusedExactlyAndNothingChanges(String name, Setup setup, Function<Fx, Attempt> arrange) {
    Fx fx = fixture(setup);
    Attempt a = arrange.apply(fx);
    fx.assertRefused(a.code(), a.params(), a.call());
  }

  // ---- member failure: the order that works, and what each wrong order gets

  @Test
  void memberFailureInTheOrderThatWorks() {
    MemberFailureScenarios.workingOrder(small());
  }

  @Test
  void startWorksWithoutResetvdisOnceTheHostIsForgotten() {
    MemberFailureScenarios.forgetClearsLocksAutomatically(small());
  }

  @Test
  void anUnreachableHostCanBeResetBeforeTheTimeout() {
    MemberFailureScenarios.unreachableHostIsDeadForIsHostAlive(small());
  }

  @Test
  void aBrokenMemberCanBeResetWhileItsDomainsRun() {
    MemberFailureScenarios.brokenMemberIsDeadForIsHostAlive(small());
  }

  @Test
  void aRebootingMemberCanBeForgotten() {
    MemberFailureScenarios.restartingMemberIsDeadForIsHostAlive(small());
  }

  @Test
  void aCutMemberCanBeForgottenWhileItsDomainsRun() {
    MemberFailureScenarios.cutMemberForgottenWhileItsDomainsRun(small());
  }

  @Test
  void wrongOrdersAreRefusedThenTheRightOrderWorks() {
    MemberFailureScenarios.wrongOrdersThenRightOrder(small());
  }

  // ---- liveness

  @Test
  void aSilentMemberIsNotDeadAt599sButDeadAt600s() {
    LivenessScenarios.deadAfter600s(small());
  }

  @Test
  void aCleanShutdownIsDeadAtOnce() {
    LivenessScenarios.cleanShutdown(small());
  }

  @Test
  void aReturningHostIsLiveAgainWithItsVmsHalted() {
    LivenessScenarios.returningHost(small());
  }

  @Test
  void aForgottenHostThatReturnsIsUnknownToTheMaster() {
    LivenessScenarios.forgottenHostReturns(small());
  }

  // ---- master failure

  @Test
  void masterLossThenPromotionAndRecoverSlaves() {
    MasterFailureScenarios.promotion(small());
  }

  @Test
  void emergencyTransitionOnTheMasterIsANoOp() {
    MasterFailureScenarios.transitionOnMaster(small());
  }

  @Test
  void thePromotedMasterUsesItsReplicaWhichMayBeStale() {
    MasterFailureScenarios.staleReplica(small());
  }

  @Test
  void syncDatabaseMakesTheReplicaCurrent() {
    MasterFailureScenarios.syncedReplica(small());
  }

  @Test
  void theOldMasterIsHandledLikeADeadMember() {
    MasterFailureScenarios.oldMasterForgotten(small());
  }

  // ---- storage and pool settings

  @Test
  void resetVdisReleasesLocksAndPausedIdempotently() {
    StorageScenarios.resetVdis(small());
  }

  @Test
  void pausedLeftByADeadMasterNeedsTheMasterFlag() {
    StorageScenarios.pausedNeedsTheMasterFlag(small());
  }

  @Test
  void haChoosesItsStatefileSr() {
    StorageScenarios.haChoosesTheStatefile(fixture(Setup.PAIR));
  }

  @Test
  void pbdCycleDestroyCreatePlugUnplug() {
    StorageScenarios.pbdCycle(small());
  }

  @Test
  void defaultSrCheckOnTheLivePool() {
    StorageScenarios.defaultSr(small());
  }

  @Test
  void haEnableAndDisable() {
    StorageScenarios.haToggle(small());
  }

  // ---- whole-pool restore, join, backups, metadata

  @Test
  void poolRestoreFromDumpWithDryRunRepairAndJoin() {
    RestoreScenarios.poolRestore(small());
  }

  @Test
  void aDryRunRestoreChangesNothing() {
    RestoreScenarios.dryRunChangesNothing(small());
  }

  @Test
  void aCorruptDumpIsRefused() {
    RestoreScenarios.corruptDump(small());
  }

  @Test
  void aFreshHostJoinsThePool() {
    RestoreScenarios.join(small());
  }

  // ---- readiness after restarts

  @Test
  void anAgentRestartRefusesConnections() {
    ReadinessScenarios.refusedWhileRestarting(small());
  }

  @Test
  void aMemberThatCannotReachItsMasterAtStartIsInEmergencyMode() {
    ReadinessScenarios.emergencyMode(small());
  }

  @Test
  void emergencyModeEndsWhenTheMasterAnswersAgain() {
    ReadinessScenarios.emergencyModeEnds(small());
  }

  @Test
  void recoverSlavesResetsEveryHostOneAfterAnother() {
    ReadinessScenarios.recoverSlavesSerially(small());
  }

  @Test
  void aPromotionWhileTheOldMasterAnswersIsUndone() {
    ReadinessScenarios.promotionBesideALiveMaster(small());
  }

  @Test
  void hostsAreDisabledUntilTheyPluggedTheirPbds() {
    ReadinessScenarios.disabledUntilPlugged(slowStartup());
  }

  @Test
  void theRestoredMasterPlugsItsPbdsWithTheBackupsConfig() {
    ReadinessScenarios.restoredMasterPlugs(slowStartup());
  }

  @Test
  void aFreshHostJoinsAMasterWithItsOwnPassword() {
    RestoreScenarios.joinWithTheMastersCredentials(small());
  }

  @Test
  void hostBackupRestoreRepairsADamagedHost() {
    BackupScenarios.hostRestore(small());
  }

  @Test
  void hostRestoreStagesWhateverExtracts() {
    BackupScenarios.hostRestoreScriptChecksNothing(small());
  }

  @Test
  void metadataImportWithDryRunAndForce() {
    BackupScenarios.metadataImport(small());
  }
}
