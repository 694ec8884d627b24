package io.poolrescue.workflows.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.poolrescue.simulator.JournalEntry;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Regenerates the replay regression suite: runs every {@link Scenarios scenario} against the
 * simulated pool (over XAPI) on Temporal's test server and writes each run's history, its child
 * runs' histories and the pool's operation journal (each entry marked {@code byHand} when the
 * scenario's operator made it, not the run) under {@code workflows/src/test/resources/histories}.
 *
 * <pre>
 * mvn -B -q -pl workflows -am process-test-classes -Preplay-tools [-Dscenarios="member-forget-approved faults-* ..."]
 * </pre>
 * A name ending in {@code *} stands for every scenario whose name starts with what comes before it.
 *
 * Run it after a deliberate, versioned change ({@code Workflow.getVersion}) to add histories of the
 * new behaviour; never to make an old history replay again.
 */
public final class RecordHistories {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Set to {@code true} ({@code -Dpoolrescue.recordHistories=true}), a test that runs on a layout the
   * scenarios cannot build (two sites) writes its run into the suite too.
   */
  public static final String RECORD_PROPERTY = "poolrescue.recordHistories";

  private RecordHistories() {}

  public static void main(String[] args) throws IOException {
    QuietLogs.warningsOnly();
    Path dir = HistoryFiles.sourceDirectory();
    Set<String> only = Set.of(args);
    List<String> lines = new ArrayList<>();
    for (Scenario s : Scenarios.all()) {
      if (!only.isEmpty() && !only.contains(s.name())
          && only.stream().noneMatch(o -> o.endsWith("*") && s.name().startsWith(o.substring(0, o.length() - 1)))) {
        continue;
      }
      long t0 = System.nanoTime();
      List<String> written = record(s, dir);
      String line = String.format("%-32s %5d ms  %s", s.name(), (System.nanoTime() - t0) / 1_000_000,
          String.join(", ", written));
      System.out.println(line);
      lines.add(line);
    }
    System.out.println("recorded " + lines.size() + " scenarios into " + dir.toAbsolutePath());
  }

  /** Runs one scenario and writes its files; returns what was written. */
  static List<String> record(Scenario s, Path dir) throws IOException {
    try (RecordingEnv env = new RecordingEnv(s.pool(), true, s.signatures())) {
      return recordIn(env, s, dir);
    }
  }

  /** Runs one scenario in the given environment and writes its files there. */
  static List<String> recordIn(RecordingEnv env, Scenario s, Path dir) throws IOException {
    long fromSeq = lastSeq(env.sim.journal().entries());
    Set<Long> byHand = new java.util.TreeSet<>();
    Scenario.Recording recording = new Scenario.Recording(env, s.name(), byHand);
    try {
      s.script().accept(recording);
    } catch (RuntimeException e) {
      var st = recording.control().status();
      throw new IllegalStateException("scenario " + s.name() + " went another way: " + e.getMessage() + "; result "
          + st.result() + "; steps " + st.steps(), e);
    }
    var ended = recording.control().status().result();
    if (ended == null || ended.outcome() != s.expected()) {
      throw new IllegalStateException("scenario " + s.name() + " ended " + ended + ", not " + s.expected()
          + "; nothing written");
    }
    List<String> written = new ArrayList<>();
    writeHistoryTree(env.client, s.name(), dir, written);
    writeJournal(env.sim.journal().entries(), fromSeq, byHand, dir.resolve(s.name() + HistoryFiles.JOURNAL_SUFFIX));
    return written;
  }

  /**
   * Writes a run made outside the scenarios: its history, its children's and the pool's journal (every
   * entry the run's, none by hand). Returns what was written.
   */
  public static List<String> writeRun(WorkflowClient client, String workflowId, List<JournalEntry> journal, Path dir)
      throws IOException {
    List<String> written = new ArrayList<>();
    writeHistoryTree(client, workflowId, dir, written);
    writeJournal(journal, 0, Set.of(), dir.resolve(workflowId + HistoryFiles.JOURNAL_SUFFIX));
    return written;
  }

  private static void writeJournal(List<JournalEntry> entries, long fromSeq, Set<Long> byHand, Path file)
      throws IOException {
    ArrayNode journal = JSON.createArrayNode();
    for (JournalEntry e : entries) {
      if (e.seq() > fromSeq) {
        ObjectNode entry = JSON.valueToTree(e);
        entry.put("byHand", byHand.contains(e.seq()));
        journal.add(entry);
      }
    }
    Files.writeString(file, JSON.writeValueAsString(journal) + "\n", StandardCharsets.UTF_8);
  }

  private static void writeHistoryTree(WorkflowClient client, String workflowId, Path dir, List<String> written)
      throws IOException {
    WorkflowExecutionHistory h = client.fetchHistory(workflowId);
    Files.writeString(dir.resolve(HistoryFiles.fileName(workflowId)), h.toJson(true) + "\n", StandardCharsets.UTF_8);
    written.add(workflowId + " (" + h.getEvents().size() + " events)");
    for (HistoryEvent e : h.getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
        writeHistoryTree(client, e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId(), dir,
            written);
      }
    }
  }

  private static long lastSeq(List<JournalEntry> entries) {
    return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
  }
}
