package io.poolrescue.audit;

import io.poolrescue.worker.codec.PayloadKeyring;
import io.poolrescue.worker.codec.PoolRescueDataConverter;
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

  public AuditReport audit(WorkflowExecutionHistory history, String source) {
    EncryptionCheck.requireReadable(history, key, source);
    requireKnownType(history, source);
    HistoryReplayer.Replay replay = replayer.replay(history);
    RecordedRun recorded = new RecordedRunReader(converter).read(history);
    Set<String> keyIds = EncryptionCheck.keyIds(history);
    return ReportAssembler.assemble(
        source, replay, recorded, keyIds.isEmpty() ? null : String.join(",", keyIds));
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
