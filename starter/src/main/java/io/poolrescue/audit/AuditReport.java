package io.poolrescue.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.audit.RecordedRun.RecordedActivity;
import io.poolrescue.audit.RecordedRun.RecordedChild;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything an auditor asks of one recovery run. Renderers (text, JSON, HTML) only format this.
 *
 * @param source the file or workflow id the history came from
 * @param statusReplayed true when today's code answered its {@code status} query after the replay;
 *     steps, gates and operations then come from it, otherwise only the raw events are available
 * @param encryptedWith the key id the history's payloads were sealed with, or null
 * @param payloads how many payloads are sealed and how many plaintext (both: see {@link PayloadCounts#mixed})
 * @param childRuns the child runs as this run's history records them
 * @param childAudits the audits of those child runs whose histories were found, in the order started
 */
public record AuditReport(
    String source,
    ReplayVerdict verdict,
    RunSummary run,
    List<StepStatus> steps,
    List<GateAudit> gates,
    List<OperationAudit> operations,
    PoolState poolBefore,
    PoolState poolAfter,
    List<String> warnings,
    List<RecordedActivity> activities,
    List<RecordedChild> childRuns,
    boolean statusReplayed,
    String encryptedWith,
    PayloadCounts payloads,
    int eventCount,
    List<AuditReport> childAudits) {

  /** The same report with the audits of its child runs attached. */
  public AuditReport withChildAudits(List<AuditReport> audits) {
    return new AuditReport(source, verdict, run, steps, gates, operations, poolBefore, poolAfter, warnings, activities,
        childRuns, statusReplayed, encryptedWith, payloads, eventCount, List.copyOf(audits));
  }

  /** True when this run and every child run audited with it replay cleanly. */
  public boolean allClean() {
    return verdict.clean() && childAudits.stream().allMatch(AuditReport::allClean);
  }

  /**
   * Who ran what, when, and how it ended.
   *
   * @param policy the worker's approval policy the run decided under, with its hash (null before version 3)
   * @param startSignature the start's signature verified again from the history (null before version 3)
   */
  public record RunSummary(
      String procedure,
      String workflowId,
      String runId,
      String requestedBy,
      String startedByClient,
      JsonNode request,
      Instant startedAt,
      Instant endedAt,
      Duration duration,
      String closeStatus,
      String outcome,
      String summary,
      List<String> notRestartable,
      String policy,
      String startSignature) {}

  /** A gate and its decisions, each matched with the {@code decide} update that carried it. */
  public record GateAudit(GateView gate, List<DecisionAudit> decisions) {}

  /**
   * One decision: what the gate recorded (approver, verdict, reason, time, the fingerprint the person
   * saw) and what the server recorded of its delivery (client identity, update id, event id).
   */
  public record DecisionAudit(
      String approver,
      Decision decision,
      String reason,
      Instant at,
      String fingerprint,
      String sentByClient,
      String updateId,
      long eventId,
      String signature) {}

  /**
   * An operation the run applied, as its status records it. {@code parallelGroup} is non-zero when
   * the operation came out of activities that ran at the same time: the history cannot tell the
   * order in which the pool received those calls, so operations of one group are listed in the
   * order their results arrived, which may differ from the pool's own journal.
   */
  public record OperationAudit(OperationApplied op, int parallelGroup) {}

  /** The pool (or the part a procedure inspects) as a read-only inspection activity of the run saw it. */
  public record PoolState(String activity, Instant at, long eventId, JsonNode state) {}
}
