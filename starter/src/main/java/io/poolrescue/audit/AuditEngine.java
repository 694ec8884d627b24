package io.poolrescue.audit;

import io.poolrescue.client.codec.PayloadKeyring;
import io.poolrescue.client.codec.PoolRescueDataConverter;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Audits recorded runs: checks the history can be read (known procedure, right key), replays it
 * against the given workflow classes, and assembles the report from the replayed status and the
 * recorded events. Reusable for many histories; close it to stop the in-process replay server.
 */
public final class AuditEngine implements AutoCloseable {

  private final Optional<PayloadKeyring> key;
  private final DataConverter converter;
  private final HistoryReplayer replayer;

  public AuditEngine(List<Class<?>> workflowImplementations, Optional<PayloadKeyring> key) {
    this.key = key;
    this.converter = key.<io.temporal.common.converter.DataConverter>map(PoolRescueDataConverter::encrypted).orElseGet(PoolRescueDataConverter::plain);
    this.replayer = new HistoryReplayer(workflowImplementations, converter);
  }

  /** Most child runs a single audit follows (a large restore has dozens of VM batch children). */
  static final int MAX_CHILD_AUDITS = 500;

  public AuditReport audit(WorkflowExecutionHistory history, String source) {
    return audit(history, source, ChildHistories.none());
  }

  /** Audits the run, then each child run whose history {@code children} finds, depth first. */
  public AuditReport audit(WorkflowExecutionHistory history, String source, ChildHistories children) {
    int[] budget = {MAX_CHILD_AUDITS};
    return auditTree(history, source, children, budget);
  }

  private AuditReport auditTree(WorkflowExecutionHistory history, String source, ChildHistories children,
      int[] budget) {
    AuditReport report = auditOne(history, source);
    List<AuditReport> childAudits = new java.util.ArrayList<>();
    List<String> missing = new java.util.ArrayList<>();
    for (RecordedRun.RecordedChild child : report.childRuns()) {
      if (budget[0] <= 0) {
        missing.add(child.workflowId() + " (more than " + MAX_CHILD_AUDITS + " child runs)");
        continue;
      }
      Optional<WorkflowExecutionHistory> found = children.find(child.workflowId());
      if (found.isEmpty()) {
        missing.add(child.workflowId());
        continue;
      }
      budget[0]--;
      childAudits.add(auditTree(found.get(), "child run " + child.workflowId(), children, budget));
    }
    if (!missing.isEmpty() && children != ChildHistories.none()) {
      List<String> warnings = new java.util.ArrayList<>(report.warnings());
      warnings.add("child runs not audited, their histories were not found: " + String.join(", ", missing));
      report = new AuditReport(report.source(), report.verdict(), report.run(), report.steps(), report.gates(),
          report.operations(), report.poolBefore(), report.poolAfter(), List.copyOf(warnings), report.activities(),
          report.childRuns(), report.statusReplayed(), report.encryptedWith(), report.payloads(), report.eventCount(),
          List.of());
    }
    return report.withChildAudits(childAudits);
  }

  private AuditReport auditOne(WorkflowExecutionHistory history, String source) {
    EncryptionCheck.requireReadable(history, key, source);
    requireKnownType(history, source);
    HistoryReplayer.Replay replay = replayer.replay(history);
    RecordedRun recorded = new RecordedRunReader(converter).read(history);
    Set<String> keyIds = EncryptionCheck.keyIds(history);
    return ReportAssembler.assemble(
        source, replay, recorded, keyIds.isEmpty() ? null : String.join(",", keyIds), EncryptionCheck.count(history));
  }

  private void requireKnownType(WorkflowExecutionHistory history, String source) {
    String type =
        history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
    if (!replayer.knownTypes().contains(type)) {
      throw new AuditInputException(
          source + " is a history of workflow type " + type + ", which this poolrescue does not know (known: "
              + String.join(", ", replayer.knownTypes()) + ")");
    }
  }

  @Override
  public void close() {
    replayer.close();
  }
}
