package io.poolrescue.workflows.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.workflows.api.MasterFailureRecovery;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.temporal.api.enums.v1.EventType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request that names an address outside the worker's scope (here: loopback only, the simulated
 * pool's) ends as an invalid request before any pool call: the history holds the policy and the
 * scope check, nothing else that reaches a pool.
 */
class RequestScopeTest {
  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    t.close();
  }

  private List<String> activities(String id) {
    return t.client.fetchHistory(id).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()).toList();
  }

  @Test
  void anAddressOutsideTheInventoryEndsTheRunBeforeAnyLogin() {
    t = RecoveryTestEnv.preset("small");
    MemberFailureRecovery run = t.newRun(MemberFailureRecovery.class, "outside");
    RunResult r = run.run(new MemberFailureRequest("10.20.30.40", t.host("host-2").uuid(), Mode.FORGET, "alice",
        null, 0));
    assertEquals(RunResult.Outcome.FAILED, r.outcome());
    assertTrue(r.summary().startsWith("invalid request: ") && r.summary().contains("10.20.30.40")
        && r.summary().contains("ADDRESS_NOT_IN_INVENTORY"), r.summary());
    assertEquals(List.of("PolicyForRun", "ScopeCheck"), activities("outside"));
  }

  @Test
  void oneMemberAddressOutsideIsEnoughToRefuseAMasterRun() {
    t = RecoveryTestEnv.preset("small");
    MasterFailureRecovery run = t.newRun(MasterFailureRecovery.class, "outside-member");
    RunResult r = run.run(new MasterFailureRequest(t.sim.masterAddress(), List.of("127.0.10.2", "192.0.2.7"), null,
        null, null, "alice", null, 0));
    assertEquals(RunResult.Outcome.FAILED, r.outcome());
    assertTrue(r.summary().contains("192.0.2.7") && !r.summary().contains("127.0.10.2,"), r.summary());
    assertEquals(List.of("PolicyForRun", "ScopeCheck"), activities("outside-member"));
  }
}
