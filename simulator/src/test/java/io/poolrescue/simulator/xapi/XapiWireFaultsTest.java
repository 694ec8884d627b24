package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.TransferNotReceivedException;
import io.poolrescue.pool.UploadState;
import io.poolrescue.pool.UploadTask;
import io.poolrescue.pool.UploadWatcher;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.ManualClock;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The faults the server injects, seen through the real client over loopback: what the client sees
 * and what the pool did. A lost answer leaves the call done; a call dropped before it was read
 * leaves nothing; an agent restart ends the address's service for the agent's downtime.
 */
class XapiWireFaultsTest {
  private static final String START = "VM.start_on";
  private static final String HOST_RESTORE = "PUT /host_restore";

  private WireFixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  private void serve(WireFaultPlan plan) {
    f = new WireFixture(SimulatedPool.preset("small"), XapiServerOptions.defaults().withFaults(plan));
  }

  @Test
  void aLostAnswerLeavesTheCallDone() {
    serve(WireFaultPlan.only(1.0, 11, WireFault.LOST_REPLY).onCalls(START));
    Vm vm = halted();
    Host to = f.hostAt(WireFixture.MEMBER_2);
    assertThrows(PoolUnreachableException.class, () -> f.master().vmStartOn(vm.uuid(), to.uuid()));
    assertEquals(PowerState.RUNNING, powerOf(vm), "the start took effect");
    assertEquals(1, f.sim.journal().successful(START).size());
    assertEquals(Map.of(WireFault.LOST_REPLY, 1L), f.server.faults().injected());
  }

  @Test
  void aCallDroppedBeforeItWasReadLeavesNothing() {
    serve(WireFaultPlan.only(1.0, 11, WireFault.DROPPED_BEFORE).onCalls(START));
    Vm vm = halted();
    assertThrows(PoolUnreachableException.class,
        () -> f.master().vmStartOn(vm.uuid(), f.hostAt(WireFixture.MEMBER_2).uuid()));
    assertEquals(PowerState.HALTED, powerOf(vm));
    assertEquals(List.of(), f.sim.journal().successful(START));
  }

  @Test
  void anAgentRestartMidCallEndsTheAddressesServiceForItsDowntime() {
    serve(WireFaultPlan.only(1.0, 11, WireFault.AGENT_RESTART).onCalls(START));
    Vm vm = halted();
    long run = f.sim.agentRun(WireFixture.MASTER);
    assertThrows(PoolUnreachableException.class,
        () -> f.master().vmStartOn(vm.uuid(), f.hostAt(WireFixture.MEMBER_2).uuid()));
    assertNotEquals(run, f.sim.agentRun(WireFixture.MASTER), "the master's agent restarted");
    assertTrue(!f.server.servedAddresses().contains(WireFixture.MASTER), "the master refuses connections");
    assertEquals(1, f.sim.journal().successful(START).size(), "the call took effect before the restart");
  }

  @Test
  void aSlowAnswerComesLateOnThePoolsClock() {
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    WireFaultPlan slow = new WireFaultPlan(1.0, 11, Duration.ofMinutes(5), java.util.Set.of(WireFault.SLOW),
        java.util.Set.of(START));
    f = new WireFixture(SimulatedPool.preset("small", clock, SimTimings.defaults()),
        XapiServerOptions.defaults().withFaults(slow));
    Vm vm = halted();
    Instant asked = clock.now();
    f.master().vmStartOn(vm.uuid(), f.hostAt(WireFixture.MEMBER_2).uuid());
    JournalEntry start = f.sim.journal().successful(START).get(0);
    Duration late = Duration.between(asked, start.started());
    assertTrue(late.compareTo(Duration.ZERO) > 0 && late.compareTo(Duration.ofMinutes(5)) <= 0, late.toString());
  }

  @Test
  void theAnswerToACallThatRestartsItsAgentGetsOutEvenWhenTheServerLooksAtOnce() {
    // the server looks at the machines every millisecond: each promotion's answer races the restart
    ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
    f = new WireFixture(SimulatedPool.preset("small", clock, SimTimings.defaults()),
        XapiServerOptions.defaults().withBindPoll(Duration.ofMillis(1)));
    for (int i = 0; i < 20; i++) {
      f.client(WireFixture.MEMBER_3).emergencyTransitionToMaster();
      clock.advance(Duration.ofMinutes(2));
      f.server.refresh();
    }
    assertEquals(20, f.sim.journal().successful("pool.emergency_transition_to_master").size());
  }

  @Test
  void anUploadTheHostNeverTookIsSaidSoAndMayBeSentAgain() {
    serve(WireFaultPlan.only(1.0, 11, WireFault.DROPPED_BEFORE).onCalls(HOST_RESTORE).firstCallsOnly(1));
    XapiConnector connector = new XapiConnector(f.config().pickUpTimeout(Duration.ofSeconds(1)).build());
    byte[] backup = damagedHost2(connector);
    try (XapiClient broken = connector.connect(WireFixture.MEMBER_2)) {
      TransferNotReceivedException e = assertThrows(TransferNotReceivedException.class,
          () -> broken.hostRestore(backup));
      assertTrue(e.getMessage().contains("never took the upload"), e.getMessage());
      assertEquals(List.of(), f.sim.journal().successful(HOST_RESTORE), "nothing was staged");
      broken.hostRestore(backup); // the fault passed: this one is read
    }
    assertEquals(1, f.sim.journal().successful(HOST_RESTORE).size());
  }

  @Test
  void anUploadWhoseAnswerIsLostIsReadFromItsTask() {
    serve(WireFaultPlan.only(1.0, 11, WireFault.LOST_REPLY).onCalls(HOST_RESTORE));
    byte[] backup = damagedHost2(f.connector);
    try (XapiClient broken = f.client(WireFixture.MEMBER_2)) {
      broken.hostRestore(backup); // the connection drops after the host staged it; its task says so
    }
    assertEquals(1, f.sim.journal().successful(HOST_RESTORE).size());
    assertEquals(Map.of(WireFault.LOST_REPLY, 1L), f.server.faults().injected());
  }

  @Test
  void aLaterClientReadsFromAnEarlierUploadsTaskWhetherTheHostTookIt() {
    // no task.destroy arrives: the tasks stay as their sender left them, as when its worker is killed
    serve(WireFaultPlan.only(1.0, 11, WireFault.DROPPED_BEFORE).onCalls("task.destroy"));
    byte[] backup = damagedHost2(f.connector);
    List<String> told = new ArrayList<>();
    List<UploadTask> tasks = new ArrayList<>();
    UploadWatcher watcher = new UploadWatcher() {
      @Override
      public void sending(UploadTask upload) {
        told.add("sending");
        tasks.add(upload);
      }

      @Override
      public void dropped(UploadTask upload) {
        told.add("dropped");
      }
    };
    try (XapiClient sender = f.client(WireFixture.MEMBER_2)) {
      sender.hostRestore(backup, watcher);
      XapiException refused = assertThrows(XapiException.class,
          () -> sender.hostRestore("not an image".getBytes(StandardCharsets.UTF_8), watcher));
      assertEquals(XapiErrors.RESTORE_SCRIPT_FAILED, refused.code());
    }
    assertEquals(List.of("sending", "sending"), told);
    assertEquals(WireFixture.MASTER, tasks.get(0).masterAddress(), "the task lives with the master that issued the session");

    // another process, which never saw those uploads; its transfers time out after 2 s
    XapiConnector fresh = new XapiConnector(f.config().pickUpTimeout(Duration.ofSeconds(1))
        .readTimeout(Duration.ofSeconds(2)).longCallTimeout(Duration.ofSeconds(2)).build());
    try (XapiClient retry = fresh.connect(WireFixture.MEMBER_2)) {
      assertEquals(UploadState.TAKEN, retry.uploadState(tasks.get(0), false));
      assertEquals(UploadState.FAILED, retry.uploadState(tasks.get(1), false));
      // a task whose upload never reached the host stays pending: reported so once the pick-up time passed
      UploadTask neverTaken;
      try (XapiClient master = fresh.connect(WireFixture.MASTER)) {
        neverTaken = new UploadTask(WireFixture.MASTER, master.call("task.create", "poolrescue PUT /host_restore", "")
            .asText());
      }
      long began = System.nanoTime();
      assertEquals(UploadState.PENDING, retry.uploadState(neverTaken, true));
      assertTrue(System.nanoTime() - began >= Duration.ofSeconds(1).toNanos(), "it waited the pick-up timeout");
      began = System.nanoTime();
      assertEquals(UploadState.PENDING, retry.uploadState(neverTaken, false));
      assertTrue(System.nanoTime() - began >= Duration.ofSeconds(3).toNanos(),
          "without a drop seen it waits as long as the upload itself might take");
      assertEquals(UploadState.UNKNOWN, retry.uploadState(new UploadTask(WireFixture.MASTER, "OpaqueRef:gone"), true));
      assertEquals(UploadState.UNKNOWN, retry.uploadState(new UploadTask(WireFixture.MEMBER_2, tasks.get(0).task()), true),
          "a member holds no tasks: its login is refused with HOST_IS_SLAVE");
    }
    assertEquals(1, f.sim.journal().successful(HOST_RESTORE).size());
  }

  @Test
  void aDroppedDownloadIsNotReadFromItsTask() {
    serve(WireFaultPlan.only(1.0, 11, WireFault.LOST_REPLY).onCalls("GET /host_backup"));
    try (XapiClient master = f.master()) {
      PoolUnreachableException e = assertThrows(PoolUnreachableException.class,
          () -> master.hostBackup(f.hostAt(WireFixture.MEMBER_2).uuid()));
      assertTrue(!(e instanceof TransferNotReceivedException), "a download is simply read again");
    }
  }

  /** A backup of host-2 taken through {@code connector} (which so learns its master), then its configuration damaged. */
  private byte[] damagedHost2(XapiConnector connector) {
    String uuid = f.hostAt(WireFixture.MEMBER_2).uuid();
    byte[] backup;
    try (XapiClient master = connector.connect(f.sim.masterAddress())) {
      backup = master.hostBackup(uuid);
    }
    f.sim.damageConfig(uuid);
    return backup;
  }

  private Vm halted() {
    return f.sim.snapshot().vms().stream().filter(v -> v.nameLabel().equals("vm-12")).findFirst().orElseThrow();
  }

  private PowerState powerOf(Vm vm) {
    return f.sim.snapshot().vms().stream().filter(v -> v.uuid().equals(vm.uuid())).findFirst().orElseThrow()
        .powerState();
  }
}
