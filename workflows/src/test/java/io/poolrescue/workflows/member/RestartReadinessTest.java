package io.poolrescue.workflows.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.Host;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepStatus;
import io.poolrescue.workflows.core.ReadinessWait;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * VMs are started only on hosts that are ready: a surviving host that is still disabled (as a real
 * host is after an agent restart, until its PBDs are plugged) gets none while it settles.
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

  /**
   * From behaviour version 13 the starts do not wait for host-3: host-1 has room for the three VMs,
   * so they start there at once while host-3 is still disabled, and nothing is sent to host-3.
   * (Runs of versions 4 to 12 waited for it, up to {@link ReadinessWait#PATIENCE}; their recorded
   * histories keep replaying that wait. A VM that only a settling host can take is waited for, see
   * {@code HostScheduledStartsTest}.)
   */
  @Test
  void startsOnTheReadyHostWhileADisabledHostSettles() {
    RunDriver run = forgetHost2WhileHost3IsDisabled("readiness-disabled");
    Host h1 = t.host("host-1");

    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    List<JournalEntry> starts = t.sim.journal().entries().stream().filter(e -> e.call().equals("VM.start_on")).toList();
    assertEquals(3, starts.size(), starts.toString());
    assertTrue(starts.stream().allMatch(e -> e.outcome().equals(JournalEntry.OK)), starts.toString());
    assertTrue(starts.stream().allMatch(e -> e.args().get(1).equals(h1.uuid())), "only on the ready host: " + starts);
    assertFalse(t.snapshot().hostByUuid(t.host("host-3").uuid()).orElseThrow().enabled(), "host-3 still settles");
    StepStatus restart = step(run.status(), "restart-vms");
    assertTrue(restart.detail().startsWith("3 started"), restart.detail());
    assertTrue(restart.endedAt().isBefore(restart.startedAt().plus(ReadinessWait.POLL)), "no wait: " + restart);
  }

  private static StepStatus step(RunStatus s, String id) {
    return s.steps().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
  }
}
