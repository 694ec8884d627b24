package io.poolrescue.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.fence.FenceGuard;
import io.poolrescue.activities.ha.HaResult;
import io.poolrescue.activities.ha.PoolHaActivities;
import io.poolrescue.activities.host.ForgetResult;
import io.poolrescue.activities.host.HostActivities;
import io.poolrescue.activities.host.JoinResult;
import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.activities.inspection.InspectionActivities;
import io.poolrescue.activities.master.MasterActivities;
import io.poolrescue.activities.master.PromoteResult;
import io.poolrescue.activities.master.RecoverResult;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.activities.storage.DefaultSrChange;
import io.poolrescue.activities.storage.LockRelease;
import io.poolrescue.activities.storage.PbdResult;
import io.poolrescue.activities.storage.StorageActivities;
import io.poolrescue.activities.vm.ResetBatch;
import io.poolrescue.activities.vm.ResetResult;
import io.poolrescue.activities.vm.StartBatch;
import io.poolrescue.activities.vm.StartPlan;
import io.poolrescue.activities.vm.StartResult;
import io.poolrescue.activities.vm.VmActivities;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.ManualClock;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every activity that changes the pool, run twice in a row through Temporal's activity test
 * environment on the simulated pool: the second run leaves the pool as the first left it and adds no
 * successful mutating call to the journal. The read-only ones change nothing at all.
 */
class ActivitiesIdempotencyTest {
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build();

  private final ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
  private SimulatedPool sim;
  private TestActivityEnvironment env;
  private SimulatedFencing fencing;
  private String master;
  /** Every pool-changing call rests on an approved gate of the test run. */
  private TestApprovals approved;
  @TempDir Path secrets;

  @BeforeEach
  void setUp() {
    sim = SimulatedPool.preset("small", clock, SimTimings.defaults());
    env = TestActivityEnvironment.newInstance();
    register();
    master = sim.masterAddress();
  }

  /** Every activity as the worker builds them, fencing through the simulated BMCs over Redfish. */
  private void register() {
    fencing = SimulatedFencing.start(sim, secrets, "root", "env:POOLRESCUE_TEST_XAPI_PASSWORD");
    env.registerActivitiesImplementations(ActivityImplementations.create(
        new ActivityDependencies(sim, null, new LoggingNotificationSink(), fencing.fencing(), false)
            .withCallingRun(TestApprovals.CALLING)).toArray());
    approved = TestApprovals.in(env);
  }

  @AfterEach
  void tearDown() {
    env.close();
    fencing.close();
  }

  private <T> T stub(Class<T> type) {
    return env.newActivityStub(type, OPTIONS);
  }

  /** Runs the action twice; asserts the second changed neither the pool nor the journal's successful calls. */
  private <T> List<T> twice(Supplier<T> action) {
    T first = action.get();
    String afterFirst = state();
    int journalAfterFirst = sim.journal().size();
    T second = action.get();
    assertEquals(afterFirst, state(), "the second run changed the pool");
    List<JournalEntry> added = sim.journal().since(journalAfterFirst);
    assertTrue(added.stream().noneMatch(JournalEntry::succeeded), "second run called the pool again: " + added);
    return List.of(first, second);
  }

  /** The pool's state, without heartbeat times (which move by themselves). */
  private String state() {
    PoolSnapshot s = sim.snapshot();
    Set<String> lines = new TreeSet<>();
    lines.add("pool master=" + s.pool().masterRef() + " defaultSr=" + s.pool().defaultSrRef() + " ha="
        + s.pool().haEnabled());
    s.hosts().forEach(h -> lines.add("host " + h.uuid() + " live=" + h.live() + " enabled=" + h.enabled()));
    s.vms().forEach(v -> lines.add("vm " + v.uuid() + " " + v.powerState() + " on " + v.residentOn()));
    s.vdis().forEach(v -> lines.add("vdi " + v.uuid() + " " + new java.util.TreeMap<>(v.smConfig())));
    s.pbds().forEach(p -> lines.add("pbd " + p.uuid() + " " + p.hostRef() + " " + p.srRef() + " attached="
        + p.currentlyAttached() + " " + new java.util.TreeMap<>(p.deviceConfig())));
    return String.join("\n", lines);
  }

  private Host host(String name) {
    return sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst().orElseThrow();
  }

  private List<String> vmsOn(Host h) {
    return sim.snapshot().residentVms(h.ref()).stream().map(Vm::uuid).toList();
  }

  private Sr sr(String name) {
    return sim.snapshot().srs().stream().filter(s -> s.nameLabel().equals(name)).findFirst().orElseThrow();
  }

  /** Kills host-2 and lets the master declare it dead. */
  private Host deadHost2() {
    Host h2 = host("host-2");
    sim.killHost(h2.uuid());
    clock.advance(Duration.ofSeconds(660));
    assertFalse(host("host-2").live());
    return h2;
  }

  @Test
  void inspectionChangesNothing() {
    InspectionActivities inspect = stub(InspectionActivities.class);
    Host h2 = deadHost2();
    int journal = sim.journal().size();
    String before = state();
    List<HostInspection> two = twice(() -> inspect.host(master, h2.uuid()));
    assertEquals(two.get(0), two.get(1));
    assertTrue(two.get(0).deadAndSilent());
    assertEquals(two.get(0).fingerprint(), inspect.hostFingerprint(master, h2.uuid()));
    assertEquals(inspect.probeAll(List.of(master, h2.address())), inspect.probeAll(List.of(master, h2.address())));
    assertEquals(3, inspect.pool(master).hosts().size());
    assertEquals(before, state());
    assertEquals(journal, sim.journal().size());
  }

  @Test
  void theMemberFailureStepsAreIdempotent() {
    Host h2 = deadHost2();
    List<String> vms = vmsOn(h2);
    VmActivities vm = stub(VmActivities.class);
    StorageActivities storage = stub(StorageActivities.class);
    HostActivities hosts = stub(HostActivities.class);

    List<List<ResetResult>> resets = twice(() -> vm.resetVms(new ResetBatch(master, h2.uuid(), false, vms, false, approved.of(GateIds.RESET_VMS))));
    assertTrue(resets.get(0).stream().allMatch(r -> r.action() == ResetResult.Action.RESET));
    assertTrue(resets.get(1).stream().allMatch(r -> r.action() == ResetResult.Action.ALREADY_HALTED));

    for (String name : List.of("nfs-shared", "local-host-2")) {
      boolean srMaster = name.startsWith("local");
      List<LockRelease> locks = twice(() -> storage.releaseVdiLocks(master, h2.uuid(), sr(name).uuid(), srMaster, false,
          approved.of(GateIds.RELEASE_VDI_LOCKS, sr(name).uuid())));
      assertEquals(LockRelease.Action.RELEASED, locks.get(0).action(), name);
      assertEquals(LockRelease.Action.NONE_HELD, locks.get(1).action(), name);
    }

    List<ForgetResult> forgot = twice(() -> hosts.forgetHost(master, h2.uuid(), false, approved.of(GateIds.FORGET_HOST, h2.uuid())));
    assertEquals(ForgetResult.Action.FORGOTTEN, forgot.get(0).action());
    assertEquals(ForgetResult.Action.ALREADY_GONE, forgot.get(1).action());

    StartPlan plan = vm.planStarts(new StartBatch(master, List.of(h2.uuid()), vms));
    assertEquals(1, plan.notRestartable().size(), "vm-08 has a disk on host-2's local SR");
    List<String> toStart = plan.waves().stream().flatMap(List::stream).toList();
    List<List<StartResult>> starts = twice(() -> vm.startVms(new StartBatch(master, List.of(h2.uuid()), toStart)));
    assertTrue(starts.get(0).stream().allMatch(r -> r.action() == StartResult.Action.STARTED), starts.get(0).toString());
    assertTrue(starts.get(1).stream().allMatch(r -> r.action() == StartResult.Action.ALREADY_RUNNING));
    assertEquals(1, sim.journal().successful("host.destroy").size());
    assertTrue(sim.integrityViolations().isEmpty(), sim.integrityViolations().toString());
  }

  @Test
  void aLiveHostIsNeverResetUnlockedOrForgotten() {
    Host h3 = host("host-3");
    VmActivities vm = stub(VmActivities.class);
    StorageActivities storage = stub(StorageActivities.class);
    HostActivities hosts = stub(HostActivities.class);
    String before = state();
    assertRefused(XapiErrors.HOST_IS_LIVE, () -> vm.resetVms(new ResetBatch(master, h3.uuid(), false, vmsOn(h3), false, approved.of(GateIds.RESET_VMS))));
    assertRefused(XapiErrors.HOST_IS_LIVE, () -> storage.releaseVdiLocks(master, h3.uuid(), sr("nfs-shared").uuid(),
        false, false, approved.of(GateIds.RELEASE_VDI_LOCKS, sr("nfs-shared").uuid())));
    assertRefused(XapiErrors.HOST_IS_LIVE, () -> hosts.forgetHost(master, h3.uuid(), false, approved.of(GateIds.FORGET_HOST, h3.uuid())));
    assertEquals(before, state());
    assertTrue(sim.journal().entries().stream().noneMatch(JournalEntry::succeeded));
  }

  /**
   * A member cut off the network is dead to the master and to XAPI, which would reset, unlock and
   * forget it while its VMs run; its BMC says On, so the activities refuse before their call.
   */
  @Test
  void aHostThatItsBmcSaysIsOnIsNeverResetUnlockedOrForgotten() {
    Host h2 = host("host-2");
    List<String> vms = vmsOn(h2);
    sim.cutNetwork(h2.uuid());
    clock.advance(Duration.ofSeconds(700));
    assertFalse(host("host-2").live(), "the master declared the cut host dead");
    VmActivities vm = stub(VmActivities.class);
    StorageActivities storage = stub(StorageActivities.class);
    HostActivities hosts = stub(HostActivities.class);
    String before = state();
    assertRefused(FenceGuard.HOST_NOT_FENCED, () -> vm.resetVms(new ResetBatch(master, h2.uuid(), false, vms, false, approved.of(GateIds.RESET_VMS))));
    assertRefused(FenceGuard.HOST_NOT_FENCED, () -> storage.releaseVdiLocks(master, h2.uuid(),
        sr("nfs-shared").uuid(), false, false, approved.of(GateIds.RELEASE_VDI_LOCKS, sr("nfs-shared").uuid())));
    assertRefused(FenceGuard.HOST_NOT_FENCED, () -> hosts.forgetHost(master, h2.uuid(), true, approved.of(GateIds.FORGET_HOST, h2.uuid())));
    assertEquals(before, state());
    assertTrue(sim.journal().entries().stream().noneMatch(JournalEntry::succeeded));
  }

  /**
   * A reset of VMs left active on whatever hosts are lost (a pool restore's) checks each such host's
   * BMC too: one that cannot tell stops the whole batch; once it reads Off, the VMs are reset.
   */
  @Test
  void aResetOfVmsOnLostHostsNeedsEachLostHostFenced() {
    Host h2 = deadHost2();
    List<String> vms = vmsOn(h2);
    VmActivities vm = stub(VmActivities.class);
    sim.setBmcFault(h2.uuid(), io.poolrescue.simulator.BmcFault.UNREACHABLE);
    String before = state();
    assertRefused(FenceGuard.HOST_NOT_FENCED, () -> vm.resetVms(new ResetBatch(master, null, true, vms, false, approved.of(GateIds.RESET_VMS))));
    assertEquals(before, state());

    sim.setBmcFault(h2.uuid(), io.poolrescue.simulator.BmcFault.NONE);
    List<ResetResult> reset = vm.resetVms(new ResetBatch(master, null, true, vms, false, approved.of(GateIds.RESET_VMS)));
    assertTrue(reset.stream().anyMatch(r -> r.action() == ResetResult.Action.RESET), reset.toString());
  }

  @Test
  void haOffAndOnAreIdempotent() {
    setUpHa();
    PoolHaActivities ha = stub(PoolHaActivities.class);
    List<HaResult> off = twice(() -> ha.disableHa(master, approved.of(GateIds.DISABLE_HA)));
    assertEquals(List.of(HaResult.Action.DISABLED, HaResult.Action.ALREADY_DISABLED),
        off.stream().map(HaResult::action).toList());
    List<HaResult> on = twice(() -> ha.enableHa(master, List.of(sr("nfs-shared").uuid()), Map.of(),
        approved.of(GateIds.ENABLE_HA, sr("nfs-shared").uuid())));
    assertEquals(List.of(HaResult.Action.ENABLED, HaResult.Action.ALREADY_ENABLED),
        on.stream().map(HaResult::action).toList());
  }

  private void setUpHa() {
    env.close();
    fencing.close();
    sim = SimulatedPool.preset("small-ha", clock, SimTimings.defaults());
    env = TestActivityEnvironment.newInstance();
    register();
    master = sim.masterAddress();
  }

  @Test
  void pbdChangesAndTheDefaultSrAreIdempotent() {
    StorageActivities storage = stub(StorageActivities.class);
    Host h3 = host("host-3");
    Sr local3 = sr("local-host-3"); // no VM uses it, so it may be unplugged
    Sr nfs = sr("nfs-shared");
    Map<String, String> config = sim.snapshot().pbdsOfSr(local3.ref()).stream()
        .filter(p -> p.hostRef().equals(h3.ref())).map(Pbd::deviceConfig).findFirst().orElseThrow();

    assertPbdTwice(() -> storage.unplugPbd(master, h3.uuid(), local3.uuid()), PbdResult.Action.UNPLUGGED,
        PbdResult.Action.ALREADY_UNPLUGGED);
    assertPbdTwice(() -> storage.destroyPbd(master, h3.uuid(), local3.uuid()), PbdResult.Action.DESTROYED,
        PbdResult.Action.ALREADY_GONE);
    // a retry of the destroying attempt, its reply lost: the PBD is gone, and it was this activity's doing
    env.setHeartbeatDetails(System.currentTimeMillis());
    assertEquals(PbdResult.Action.DESTROYED, storage.destroyPbd(master, h3.uuid(), local3.uuid()).action());
    assertEquals(1, sim.journal().successful("PBD.destroy").size());
    assertPbdTwice(() -> storage.createPbd(master, h3.uuid(), local3.uuid(), config), PbdResult.Action.CREATED,
        PbdResult.Action.ALREADY_EXISTS);
    assertPbdTwice(() -> storage.plugPbd(master, h3.uuid(), local3.uuid()), PbdResult.Action.PLUGGED,
        PbdResult.Action.ALREADY_PLUGGED);
    assertRefused(XapiErrors.PBD_EXISTS, () -> storage.createPbd(master, h3.uuid(), local3.uuid(), Map.of("x", "y")));

    String local = sr("local-host-1").uuid();
    assertRefused(XapiFailures.INVALID_REQUEST, () -> storage.setDefaultSr(master, local, approved.of(GateIds.SET_DEFAULT_SR, local)));
    List<DefaultSrChange> set = twice(() -> storage.setDefaultSr(master, nfs.uuid(), approved.of(GateIds.SET_DEFAULT_SR, nfs.uuid())));
    assertFalse(set.get(1).changed());
    assertTrue(storage.defaultSr(master).valid());
  }

  private void assertPbdTwice(Supplier<PbdResult> action, PbdResult.Action first, PbdResult.Action second) {
    List<PbdResult> r = twice(action);
    assertEquals(List.of(first, second), r.stream().map(PbdResult::action).toList());
  }

  @Test
  void promotionRecoveryAndJoinAreIdempotent() {
    MasterActivities masters = stub(MasterActivities.class);
    HostActivities hosts = stub(HostActivities.class);
    List<String> members = List.of("127.0.10.2", "127.0.10.3");
    sim.killMaster();

    assertEquals(PromoteResult.Action.TRANSITION_STARTED, masters.promote("127.0.10.2", approved.of(GateIds.PROMOTE_MASTER, "127.0.10.2")).action());
    int journal = sim.journal().size();
    // during the agent restart the member refuses connections: a repeat is refused as "not yet", changing nothing
    assertRefused(XapiFailures.POOL_UNREACHABLE, () -> masters.promote("127.0.10.2", approved.of(GateIds.PROMOTE_MASTER, "127.0.10.2")), true);
    clock.advance(Duration.ofSeconds(15));
    assertEquals(PromoteResult.Action.ALREADY_MASTER, masters.promote("127.0.10.2", approved.of(GateIds.PROMOTE_MASTER, "127.0.10.2")).action());
    assertTrue(sim.journal().since(journal).stream().noneMatch(JournalEntry::succeeded));
    assertEquals("127.0.10.2", sim.masterAddress());
    master = "127.0.10.2";

    List<RecoverResult> rec = twice(() -> masters.recoverSlaves("127.0.10.2", members));
    assertTrue(rec.get(0).called());
    assertFalse(rec.get(1).called(), rec.get(1).detail());

    sim.addFreshHost(new FreshHostSpec("fresh-1", "127.0.30.1", 65536, List.of("eth0", "eth1"), "eth0"));
    JoinResult first = hosts.joinPool("127.0.30.1", "127.0.10.2");
    assertEquals(JoinResult.Action.JOINED, first.action());
    clock.advance(Duration.ofSeconds(30));
    List<JoinResult> again = twice(() -> hosts.joinPool("127.0.30.1", "127.0.10.2"));
    assertEquals(JoinResult.Action.ALREADY_MEMBER, again.get(0).action());
    assertEquals(1, sim.journal().successful("pool.join").size());
  }

  @Test
  void aRetryAfterALostTransitionReplyDoesNotTransitionAgainAndSaysItPromoted() {
    MasterActivities masters = stub(MasterActivities.class);
    sim.killMaster();
    String member = "127.0.10.2";
    // the heartbeat of an earlier attempt says it sent the transition: whatever the member answers now
    // (here HOST_STILL_BOOTING, the answer that otherwise permits a promotion), nothing is sent again
    env.setHeartbeatDetails(System.currentTimeMillis());
    assertRefused(XapiErrors.HOST_STILL_BOOTING, () -> masters.promote(member, approved.of(GateIds.PROMOTE_MASTER, member)),
        true);
    assertTrue(sim.journal().successful("pool.emergency_transition_to_master").isEmpty(), "not sent again");

    // past the bound the transition evidently never arrived: it is sent again
    env.setHeartbeatDetails(System.currentTimeMillis() - Duration.ofMinutes(6).toMillis());
    assertEquals(PromoteResult.Action.TRANSITION_STARTED,
        masters.promote(member, approved.of(GateIds.PROMOTE_MASTER, member)).action());
    assertEquals(1, sim.journal().successful("pool.emergency_transition_to_master").size());

    // once the agent answers as master, a retry carrying the marker reports the transition as ours
    env.setHeartbeatDetails(System.currentTimeMillis());
    clock.advance(Duration.ofSeconds(15));
    PromoteResult again = masters.promote(member, approved.of(GateIds.PROMOTE_MASTER, member));
    assertEquals(PromoteResult.Action.TRANSITION_STARTED, again.action(), again.detail());
    assertEquals(1, sim.journal().successful("pool.emergency_transition_to_master").size());
    assertEquals(member, sim.masterAddress());
  }

  private static void assertRefused(String type, Runnable call) {
    assertRefused(type, call, false);
  }

  private static void assertRefused(String type, Runnable call, boolean retryable) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call::run);
    ApplicationFailure cause = (ApplicationFailure) f.getCause();
    assertEquals(type, cause.getType(), cause.getOriginalMessage());
    assertEquals(!retryable, cause.isNonRetryable(), cause.getOriginalMessage());
  }
}
