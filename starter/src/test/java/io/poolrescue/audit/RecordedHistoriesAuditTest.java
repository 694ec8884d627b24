package io.poolrescue.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.audit.AuditReport.DecisionAudit;
import io.poolrescue.audit.AuditReport.GateAudit;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.fanout.VmBatchWorkflowImpl;
import io.poolrescue.workflows.master.MasterFailureRecoveryImpl;
import io.poolrescue.workflows.member.MemberFailureRecoveryResetFirst;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit on the replay regression suite's recorded runs, against today's code and against an incompatible change. */
class RecordedHistoriesAuditTest {

  static AuditEngine today;

  @BeforeAll
  static void engine() {
    today = new AuditEngine(CurrentWorkflows.all(), Optional.empty());
  }

  @AfterAll
  static void close() {
    today.close();
  }

  static AuditReport audit(AuditEngine engine, Path file) {
    return engine.audit(HistoryLoader.fromFile(file), file.getFileName().toString());
  }

  @Test
  void todaysCodeReplaysEveryRecordedHistoryCleanly() {
    List<Path> files = RecordedHistories.all();
    assertTrue(files.size() >= 15, "the recorded suite: " + files);
    for (Path f : files) {
      AuditReport r = audit(today, f);
      assertEquals(new ReplayVerdict.Clean(), r.verdict(), f.toString());
      assertTrue(r.statusReplayed(), f + ": today's code rebuilt the run's status");
      assertNotNull(r.run().outcome(), f.toString());
    }
  }

  /** Today's workflows with MemberFailureRecovery replaced by the test-only variant that resets VMs before its gates. */
  static List<Class<?>> withResetFirst() {
    return List.of(MemberFailureRecoveryResetFirst.class, MasterFailureRecoveryImpl.class, VmBatchWorkflowImpl.class);
  }

  /**
   * The event where today's code began its first gate: the host inspection the gate's evidence is read
   * from, scheduled just before the gate's first notification.
   */
  static long firstGateInspection(WorkflowExecutionHistory h) {
    long notify = h.getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
            && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("NotifyNotify"))
        .findFirst().orElseThrow().getEventId();
    return h.getEvents().stream()
        .filter(e -> e.getEventId() < notify && e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
            && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("InspectHost"))
        .reduce((a, b) -> b).orElseThrow().getEventId();
  }

  @Test
  void aResetMovedBeforeItsGateIsCaughtWhereTheRunAskedItsFirstGate() {
    Path file = RecordedHistories.history("member-forget-approved");
    WorkflowExecutionHistory history = HistoryLoader.fromFile(file);
    try (AuditEngine changed = new AuditEngine(withResetFirst(), Optional.empty())) {
      AuditReport r = audit(changed, file);

      ReplayVerdict.Diverged d = assertInstanceOf(ReplayVerdict.Diverged.class, r.verdict(), r.verdict().toString());
      // ten minutes of recorded run (inspections, the wait for the master's verdict) replay identically;
      // where today's code read the evidence for confirm-host-off, the changed code resets the VMs
      long gate = firstGateInspection(history);
      assertTrue(gate > 100, "the divergence is deep in the run: event " + gate);
      assertEquals(gate, d.eventId());
      assertEquals("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED", d.eventType());
      assertEquals("ActivityTaskScheduled InspectHost", d.recorded());
      assertEquals("today's code issues ScheduleActivityTask with activityType VmResetVms where the history has "
          + "InspectHost", d.difference());
      assertTrue(r.warnings().contains("today's code diverges from this history: the status shown stops where it "
          + "diverged"));
    }
  }

  @Test
  void theVariantStillReplaysRunsItDoesNotChange() {
    // a REPAIR run never reaches the moved step: the change is invisible to it, and the audit says so
    try (AuditEngine changed = new AuditEngine(withResetFirst(), Optional.empty())) {
      for (String name : List.of("member-repair", "member-live-refused")) {
        assertEquals(new ReplayVerdict.Clean(), audit(changed, RecordedHistories.history(name)).verdict(), name);
      }
    }
  }

  @Test
  void theReportOfAForgetRunListsEveryGateDecisionApproverAndReason() {
    String name = "member-forget-two-approvers";
    WorkflowExecutionHistory history = HistoryLoader.fromFile(RecordedHistories.history(name));
    AuditReport r = audit(today, RecordedHistories.history(name));

    assertEquals(List.of("confirm-host-off", "reset-vms", "release-vdi-locks", "forget-host"),
        r.gates().stream().map(g -> g.gate().gateId()).toList());
    List<HistoryEvent> accepted = events(history, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
    assertEquals(accepted.size(), r.gates().stream().mapToInt(g -> g.decisions().size()).sum(),
        "every decide update the history accepted is in the report");
    for (GateAudit g : r.gates()) {
      assertEquals(GateState.APPROVED, g.gate().state());
      assertEquals(2, g.gate().approvalsNeeded());
      assertTrue(g.gate().reminded(), g.gate().gateId() + ": the second vote came after the reminder");
      assertTrue(!g.gate().evidence().isEmpty() && g.gate().fingerprint().startsWith("sha256:"));
      assertEquals(List.of("bob", "carol"), g.decisions().stream().map(DecisionAudit::approver).toList());
      assertEquals(List.of("power cut confirmed on the PDU", "agreed, ticket INC-4711"),
          g.decisions().stream().map(DecisionAudit::reason).toList());
      for (DecisionAudit d : g.decisions()) {
        assertEquals(d.approver() + "@ops-desk", d.sentByClient());
        assertTrue(accepted.stream().anyMatch(e -> e.getEventId() == d.eventId()), "event " + d.eventId());
        assertEquals(g.gate().fingerprint(), d.fingerprint());
      }
    }
    assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("reminder: gate confirm-host-off")), r.warnings()
        .toString());
  }

  @Test
  void theReportOfAForgetRunListsEveryDangerousOperationInJournalOrder() {
    for (String name : List.of("member-forget-approved", "member-forget-two-approvers", "member-forget-reasked",
        "member-forget-ha")) {
      AuditReport r = audit(today, RecordedHistories.history(name));
      JournalMatch.assertSameOperations(name, r.operations(), RecordedHistories.journal(name));
    }
  }

  @Test
  void aMasterFailureIsAuditedWithTheChildRunThatForgotTheOldMaster() {
    Path file = RecordedHistories.history("master-promote-approved");
    AuditReport r = today.audit(HistoryLoader.fromFile(file), "master-promote-approved",
        ChildHistories.besideFile(file));

    assertTrue(r.allClean(), r.verdict().toString());
    assertEquals(1, r.childAudits().size());
    AuditReport child = r.childAudits().get(0);
    assertEquals("master-promote-approved/forget-old-master", child.run().workflowId());
    assertEquals("MemberFailureRecovery", child.run().procedure());
    assertTrue(child.gates().stream().allMatch(g -> g.gate().state() == GateState.APPROVED && !g.decisions().isEmpty()));
    // the family's operations, parent's and child's, are the pool's journal of the whole recovery
    List<AuditReport.OperationAudit> all = new java.util.ArrayList<>(r.operations());
    all.addAll(child.operations());
    all.sort(java.util.Comparator.comparing(o -> o.op().at()));
    JournalMatch.assertSameCalls("master-promote-approved", all, RecordedHistories.journal("master-promote-approved"));
  }

  @Test
  void aVoidedApprovalAndTheGateAskedAgainAreBothInTheReport() {
    AuditReport r = audit(today, RecordedHistories.history("member-forget-reasked"));
    GateAudit voided = r.gates().stream().filter(g -> g.gate().gateId().equals("reset-vms")).findFirst().orElseThrow();
    GateAudit again = r.gates().stream().filter(g -> g.gate().gateId().equals("reset-vms#2")).findFirst().orElseThrow();
    assertEquals(GateState.VOIDED, voided.gate().state());
    assertEquals("go", voided.decisions().get(0).reason());
    assertEquals(GateState.APPROVED, again.gate().state());
    assertEquals(voided.gate().targets().size() - 1, again.gate().targets().size(), "the VM reset by hand is out");
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("reset-vms voided")), r.warnings().toString());
  }

  @Test
  void rejectedAndExpiredRunsShowWhereTheyStoppedAndDoNothingAfter() {
    AuditReport rejected = audit(today, RecordedHistories.history("member-forget-rejected"));
    assertEquals("REJECTED", rejected.run().outcome());
    GateAudit reset = rejected.gates().get(rejected.gates().size() - 1);
    assertEquals(GateState.REJECTED, reset.gate().state());
    assertEquals("storage team still copying vm-06's disk", reset.decisions().get(0).reason());
    assertEquals(List.of(), rejected.operations());

    AuditReport expired = audit(today, RecordedHistories.history("member-forget-expired"));
    assertEquals("EXPIRED", expired.run().outcome());
    GateAudit first = expired.gates().get(0);
    assertEquals(GateState.EXPIRED, first.gate().state());
    assertTrue(first.gate().reminded());
    assertEquals(List.of(), first.decisions());
    assertEquals(List.of(), expired.operations());
  }

  static long first(WorkflowExecutionHistory h, EventType type) {
    return events(h, type).get(0).getEventId();
  }

  static List<HistoryEvent> events(WorkflowExecutionHistory h, EventType type) {
    return h.getEvents().stream().filter(e -> e.getEventType() == type).toList();
  }
}
