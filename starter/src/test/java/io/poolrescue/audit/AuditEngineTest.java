package io.poolrescue.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.audit.AuditReport.DecisionAudit;
import io.poolrescue.audit.drill.DrillRecorder;
import io.poolrescue.audit.drill.DrillRunImpl;
import io.poolrescue.audit.drill.DrillRunResetFirst;
import io.poolrescue.client.codec.PoolRescueDataConverter;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditEngineTest {

  static WorkflowExecutionHistory approved;
  static WorkflowExecutionHistory rejected;
  static WorkflowExecutionHistory expired;
  static List<String> journalAfterApproved;
  static WorkflowExecutionHistory fetched;
  static AuditEngine engine;

  @BeforeAll
  static void record() {
    try (DrillRecorder recorder = new DrillRecorder(PoolRescueDataConverter.plain())) {
      approved = recorder.record("drill-approved", Decision.APPROVE, "bob", "n");
      journalAfterApproved = List.copyOf(recorder.pool.journal);
      fetched = HistoryLoader.fromCluster(recorder.client(), "drill-approved");
      rejected = recorder.record("drill-rejected", Decision.REJECT, "bob", "n");
      expired = recorder.record("drill-expired", null, null, "n");
    }
    engine = new AuditEngine(List.of(DrillRunImpl.class), Optional.empty());
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void unchangedCodeReplaysEveryRunCleanly() {
    for (WorkflowExecutionHistory h : List.of(approved, rejected, expired)) {
      AuditReport report = engine.audit(h, h.getWorkflowExecution().getWorkflowId());
      assertEquals(new ReplayVerdict.Clean(), report.verdict(), report.source());
      assertTrue(report.statusReplayed(), report.source());
    }
  }

  @Test
  void approvedRunReportShowsGateDecisionOperationsAndPoolStates() {
    AuditReport report = engine.audit(approved, "drill-approved");

    assertEquals("DrillRun", report.run().procedure());
    assertEquals("alice", report.run().requestedBy());
    assertEquals("COMPLETED", report.run().closeStatus());
    assertEquals("RECOVERED", report.run().outcome());
    assertNotNull(report.run().duration());
    assertEquals(List.of("inspect", "reset", "verify"), report.steps().stream().map(s -> s.id()).toList());

    assertEquals(1, report.gates().size());
    var gate = report.gates().get(0);
    assertEquals(GateState.APPROVED, gate.gate().state());
    assertEquals("742s", gate.gate().evidence().get("heartbeat-age"));
    DecisionAudit d = gate.decisions().get(0);
    assertEquals("bob", d.approver());
    assertEquals(Decision.APPROVE, d.decision());
    assertEquals("checked in the DC: host is off", d.reason());
    assertEquals("operator-cli@desk", d.sentByClient());
    assertEquals(eventIdOf(approved, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED), d.eventId());

    assertEquals(journalAfterApproved,
        report.operations().stream().map(o -> o.op().call() + " " + String.join(",", o.op().args())).toList());
    assertEquals("[\"vm-a\"]", report.poolBefore().state().get("runningVms").toString());
    assertEquals("[\"vm-a\",\"vm-b\"]", report.poolAfter().state().get("runningVms").toString());
  }

  @Test
  void aRunFetchedFromTheClusterByIdIsAuditedUnderItsId() {
    AuditReport report = engine.audit(fetched, "workflow drill-approved");
    assertEquals(new ReplayVerdict.Clean(), report.verdict());
    assertEquals("drill-approved", report.run().workflowId());
    assertEquals(approved.getEvents().size(), report.eventCount());
  }

  @Test
  void rejectedAndExpiredRunsEndWithoutTheOperation() {
    AuditReport r = engine.audit(rejected, "drill-rejected");
    assertEquals("REJECTED", r.run().outcome());
    assertEquals(GateState.REJECTED, r.gates().get(0).gate().state());
    assertEquals(List.of(), r.operations());

    AuditReport e = engine.audit(expired, "drill-expired");
    assertEquals("EXPIRED", e.run().outcome());
    assertEquals(GateState.EXPIRED, e.gates().get(0).gate().state());
    assertEquals(List.of(), e.gates().get(0).decisions());
  }

  @Test
  void stepMovedBeforeItsGateIsCaughtAtTheEventWhereItDiverges() {
    try (AuditEngine changed = new AuditEngine(List.of(DrillRunResetFirst.class), Optional.empty())) {
      AuditReport report = changed.audit(approved, "drill-approved");

      ReplayVerdict.Diverged diverged = assertInstanceOf(ReplayVerdict.Diverged.class, report.verdict(), report.verdict().toString());
      // the recorded run started the gate's expiry timer where the changed code schedules the reset
      long timer = eventIdOf(approved, EventType.EVENT_TYPE_TIMER_STARTED);
      assertEquals(timer, diverged.eventId());
      assertEquals("EVENT_TYPE_TIMER_STARTED", diverged.eventType());
      assertEquals("TimerStarted 3600s", diverged.recorded());
      assertEquals("today's code issues ScheduleActivityTask instead", diverged.difference());
    }
  }

  static long eventIdOf(WorkflowExecutionHistory h, EventType type) {
    return h.getEvents().stream().filter(e -> e.getEventType() == type).mapToLong(HistoryEvent::getEventId)
        .findFirst().orElseThrow();
  }
}
