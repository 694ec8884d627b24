package io.poolrescue.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.audit.AuditReport.DecisionAudit;
import io.poolrescue.audit.AuditReport.GateAudit;
import io.poolrescue.audit.AuditReport.PoolState;
import io.poolrescue.audit.AuditReport.RunSummary;
import io.poolrescue.audit.RecordedRun.RecordedActivity;
import io.poolrescue.audit.RecordedRun.RecordedDecision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Joins the two views of a run: the status today's code rebuilt (steps, gates, operations — the
 * procedure's own words) and the events as recorded (times, request, delivery of each decision).
 */
final class ReportAssembler {

  /**
   * Read-only activities whose results describe the pool, best first: the whole pool (flow's
   * {@code InspectionActivities.pool}), else the host a procedure works on.
   */
  static final List<String> INSPECTIONS = List.of("InspectPool", "InspectHost");

  private ReportAssembler() {}

  static AuditReport assemble(String source, HistoryReplayer.Replay replay, RecordedRun recorded, String keyId,
      PayloadCounts payloads) {
    RunStatus status = replay.status().orElse(null);
    List<String> warnings = new ArrayList<>();
    if (payloads.mixed()) {
      warnings.add(payloads.warning());
    }
    if (status == null) {
      warnings.add("today's code gave no status for this run: steps, gates and operations below come only from"
          + " the recorded events");
    } else {
      warnings.addAll(status.warnings());
    }
    if (!replay.verdict().clean()) {
      warnings.add("today's code diverges from this history: the status shown stops where it diverged");
    }
    if (replay.verdict() instanceof ReplayVerdict.Diverged d
        && "EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED".equals(d.eventType())
        && d.difference().contains("workflowId")) {
      warnings.add("child run ids derive from the run's own id, which an exported file does not record: the audit "
          + "took '" + recorded.workflowId() + "'; if the run's id differs, give it with --workflow-id");
    }
    if ("RUNNING".equals(recorded.closeStatus())) {
      warnings.add("the history ends while the run is still open");
    }
    Optional<SignatureCheck> signatures = SignatureCheck.of(recorded);
    Map<RecordedDecision, String> verdicts = new HashMap<>();
    List<GateAudit> gates = status == null ? List.of() : gates(status, recorded, signatures, verdicts, warnings);
    // decisions today's status does not show (a diverged replay) cannot be checked against their gate
    signatures.ifPresent(check -> recorded.decisions().stream()
        .filter(d -> d.refusal() == null && SignatureCheck.signed(d.request()) && !verdicts.containsKey(d))
        .forEach(d -> verdicts.put(d, "NOT VERIFIED: its gate is not in today's replay of the run")));
    verdicts.forEach((d, verdict) -> {
      if (SignatureCheck.flagged(verdict)) {
        warnings.add("the decision of " + text(d.request(), "approver") + " on gate " + text(d.request(), "gateId")
            + " (event " + d.acceptedEventId() + ") does not verify: " + verdict);
      }
    });
    String startSignature = signatures.map(SignatureCheck::start).orElse(null);
    if (SignatureCheck.flagged(startSignature)) {
      warnings.add("the start's signature does not verify: " + startSignature);
    }
    for (RecordedActivity a : recorded.activities()) {
      if (!"COMPLETED".equals(a.outcome()) && !"PENDING".equals(a.outcome())) {
        warnings.add("activity " + a.type() + " (event " + a.scheduledEventId() + ") " + a.outcome() + ": " + a.failure());
      }
    }
    List<OperationApplied> ops = status == null ? List.of() : status.operations();
    List<RecordedActivity> inspections = inspections(recorded.activities());
    PoolState before = before(inspections, ops);
    PoolState after = after(inspections, ops);

    return new AuditReport(
        source,
        replay.verdict(),
        summary(status, recorded, signatures.map(SignatureCheck::policy).orElse(null), startSignature),
        status == null ? List.of() : status.steps(),
        gates,
        OperationOrder.mark(ops, recorded.activities()),
        before,
        after,
        List.copyOf(warnings),
        recorded.activities(),
        recorded.children(),
        status != null,
        keyId,
        payloads,
        recorded.eventCount(),
        List.of());
  }

  private static RunSummary summary(RunStatus status, RecordedRun recorded, String policy, String startSignature) {
    RunResult result = status == null ? null : status.result();
    String outcome = result != null ? result.outcome().name() : text(recorded.result(), "outcome");
    String summary = result != null ? result.summary() : text(recorded.result(), "summary");
    if (summary == null) {
      summary = recorded.failure();
    }
    List<String> notRestartable = result != null ? result.notRestartable() : List.of();
    String requestedBy = status != null && status.requestedBy() != null ? status.requestedBy()
        : text(recorded.request(), "requestedBy");
    return new RunSummary(
        status != null && status.procedure() != null ? status.procedure() : recorded.workflowType(),
        recorded.workflowId(),
        recorded.runId(),
        requestedBy,
        recorded.startedBy(),
        recorded.request(),
        recorded.startedAt(),
        recorded.closedAt(),
        recorded.closedAt() == null ? null : Duration.between(recorded.startedAt(), recorded.closedAt()),
        recorded.closeStatus(),
        outcome,
        summary,
        notRestartable,
        policy,
        startSignature);
  }

  private static List<GateAudit> gates(RunStatus status, RecordedRun recorded, Optional<SignatureCheck> signatures,
      Map<RecordedDecision, String> verdicts, List<String> warnings) {
    Set<RecordedDecision> matched = new HashSet<>();
    List<GateAudit> out = new ArrayList<>();
    for (GateView gate : status.gates()) {
      List<DecisionAudit> decisions = new ArrayList<>();
      for (GateDecision d : gate.decisions()) {
        RecordedDecision delivery = delivery(recorded, gate.gateId(), d, matched);
        if (delivery == null) {
          warnings.add("gate " + gate.gateId() + ": the decision of " + d.approver()
              + " has no decide update in the history");
        } else {
          matched.add(delivery);
        }
        String signature = delivery == null ? null
            : signatures.map(check -> check.decision(delivery, d.fingerprint(), gate.targets())).orElse(null);
        if (delivery != null && signature != null) {
          verdicts.put(delivery, signature);
        }
        decisions.add(new DecisionAudit(
            d.approver(), d.decision(), d.reason(), d.at(), d.fingerprint(),
            delivery == null ? null : delivery.sentBy(),
            delivery == null ? null : delivery.updateId(),
            delivery == null ? -1 : delivery.acceptedEventId(),
            signature));
      }
      out.add(new GateAudit(gate, decisions));
    }
    for (RecordedDecision d : recorded.decisions()) {
      if (matched.contains(d)) {
        continue;
      }
      String who = text(d.request(), "approver");
      String gateId = text(d.request(), "gateId");
      if (d.refusal() != null) {
        warnings.add("decide by " + who + " on gate " + gateId + " was refused: " + d.refusal());
      } else {
        warnings.add("decide by " + who + " on gate " + gateId + " (event " + d.acceptedEventId()
            + ") is in the history but in no gate of today's status");
      }
    }
    return out;
  }

  /** The accepted update that carried this decision: same gate, same approver, same verdict. */
  private static RecordedDecision delivery(
      RecordedRun recorded, String gateId, GateDecision d, Set<RecordedDecision> taken) {
    for (RecordedDecision r : recorded.decisions()) {
      if (!taken.contains(r)
          && r.refusal() == null
          && gateId.equals(text(r.request(), "gateId"))
          && d.approver().equals(text(r.request(), "approver"))
          && d.decision().name().equals(text(r.request(), "decision"))) {
        return r;
      }
    }
    return null;
  }

  /** The completed inspections of the best kind the run made, in order. */
  private static List<RecordedActivity> inspections(List<RecordedActivity> activities) {
    for (String type : INSPECTIONS) {
      List<RecordedActivity> found = activities.stream()
          .filter(a -> type.equals(a.type()) && "COMPLETED".equals(a.outcome()))
          .toList();
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  /** The first inspection, if made before the first operation (a pool without a master cannot be read at all). */
  private static PoolState before(List<RecordedActivity> inspections, List<OperationApplied> ops) {
    if (inspections.isEmpty()) {
      return null;
    }
    RecordedActivity first = inspections.get(0);
    java.time.Instant firstOp = ops.stream().map(OperationApplied::at).filter(java.util.Objects::nonNull)
        .min(java.util.Comparator.naturalOrder()).orElse(null);
    return firstOp == null || first.endedAt().isBefore(firstOp) ? poolState(first) : null;
  }

  /** The last inspection made after the last operation; an earlier one would show the pool before the work. */
  private static PoolState after(List<RecordedActivity> inspections, List<OperationApplied> ops) {
    if (inspections.size() < 2) {
      return null;
    }
    RecordedActivity last = inspections.get(inspections.size() - 1);
    java.time.Instant lastOp = ops.stream().map(OperationApplied::at).filter(java.util.Objects::nonNull)
        .max(java.util.Comparator.naturalOrder()).orElse(null);
    return lastOp == null || last.scheduledAt().isAfter(lastOp) ? poolState(last) : null;
  }

  private static PoolState poolState(RecordedActivity a) {
    return new PoolState(a.type(), a.endedAt(), a.scheduledEventId(), a.result());
  }

  static String text(JsonNode node, String field) {
    if (node == null || !node.hasNonNull(field)) {
      return null;
    }
    return node.get(field).asText();
  }
}
