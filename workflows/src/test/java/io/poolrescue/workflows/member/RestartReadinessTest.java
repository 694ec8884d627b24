package io.poolrescue.workflows.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.Host;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.api.StepStatus;
import io.poolrescue.workflows.core.ReadinessWait;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * VMs are started only on hosts that are ready: a surviving host that is still disabled (as a real
 * host is after an agent restart, until its PBDs are plugged) is waited for, bounded, and the wait
 * shows in the run's status.
 */
class RestartReadinessTest {
  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  /** host-2 lost its power, host-3 is disabled (as after a restart); the run is past its last gate. */
  private RunDriver forgetHost2WhileHost3IsDisabled(String id) {
    t = RecoveryTestEnv.preset("small");
    Host dead = t.host("host-2");
    t.sim.killHost(dead.uuid());
    t.sim.setHostEnabled(t.host("host-3").uuid(), false);
    MemberFailureRecovery run = t.newRun(MemberFailureRecovery.class, id);
    WorkflowClient.start(run::run, new MemberFailureRequest(t.sim.masterAddress(), dead.uuid(), Mode.FORGET,
        RecoveryTestEnv.STARTER, null, 4));
    RunDriver d = t.driver(id);
    d.approveUntil("forget-host");
    d.approve("forget-host");
    return d;
  }

  @Test
  void waitsForADisabledHostBeforeStartingVms() {
    RunDriver run = forgetHost2WhileHost3IsDisabled("readiness-disabled");
    Host h3 = t.host("host-3");

    RunStatus waiting = run.awaitStatus("the readiness wait", s -> step(s, "restart-vms").state() == StepState.WAITING);
    String detail = step(waiting, "restart-vms").detail();
    assertTrue(detail.contains("for hosts to be ready before starting VMs") && detail.contains("host-3 (127.0.10.3) is disabled"),
        detail);
    assertTrue(t.sim.journal().entries().stream().noneMatch(e -> e.call().equals("VM.start_on")),
        "nothing is started while a host settles");

    long enabledAt = Journal.lastSeq(t.sim.journal());
    t.sim.setHostEnabled(h3.uuid(), true);
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    List<JournalEntry> starts = t.sim.journal().entries().stream().filter(e -> e.call().equals("VM.start_on")).toList();
    assertEquals(3, starts.size(), starts.toString());
    assertTrue(starts.stream().allMatch(e -> e.outcome().equals(JournalEntry.OK)), starts.toString());
    assertTrue(starts.stream().allMatch(e -> e.seq() > enabledAt), "started after the host was ready");
    assertTrue(starts.stream().anyMatch(e -> e.args().get(1).equals(h3.uuid())), "host-3 takes VMs once ready");
    assertTrue(step(run.status(), "restart-vms").detail().startsWith("3 started"), step(run.status(), "restart-vms").detail());
  }

  @Test
  void aHostThatStaysDisabledIsLeftOutAfterTheBoundedWait() {
    RunDriver run = forgetHost2WhileHost3IsDisabled("readiness-stays-disabled");
    Host h3 = t.host("host-3");

    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    RunStatus st = run.status();
    assertTrue(st.warnings().stream().anyMatch(w -> w.contains("still not ready for VM starts")
        && w.contains("host-3 (127.0.10.3) is disabled")), st.warnings().toString());
    List<JournalEntry> starts = t.sim.journal().entries().stream().filter(e -> e.call().equals("VM.start_on")).toList();
    assertTrue(!starts.isEmpty() && starts.stream().noneMatch(e -> e.args().get(1).equals(h3.uuid())),
        "nothing placed on the disabled host: " + starts);
    StepStatus restart = step(st, "restart-vms");
    assertTrue(!restart.endedAt().isBefore(restart.startedAt().plus(ReadinessWait.PATIENCE)),
        "waited the whole patience: " + restart);
  }

  private static StepStatus step(RunStatus s, String id) {
    return s.steps().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }
}
