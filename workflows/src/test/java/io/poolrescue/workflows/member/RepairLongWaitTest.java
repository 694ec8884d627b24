package io.poolrescue.workflows.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.Host;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** REPAIR waiting two months for a repaired host: the wait continues as new, so no run's history grows large. */
class RepairLongWaitTest {
  /** The server's default history limit that ends a run (a warning comes at 10,240 events). */
  private static final int HISTORY_WARNING = 10_240;
  private static final String ID = "member-repair-60-days";

  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void aRepairOfSixtyDaysEndsRecoveredWithEveryRunsHistoryBelowTheLimit() {
    t = RecoveryTestEnv.presetInProcess("small", Duration.ofDays(1));
    Host h2 = t.host("host-2");
    t.sim.killHost(h2.uuid());
    long before = Journal.lastSeq(t.sim.journal());
    MemberFailureRecovery start = t.newRun(MemberFailureRecovery.class, ID);
    WorkflowClient.start(start::run, new MemberFailureRequest(t.sim.masterAddress(), h2.uuid(), Mode.REPAIR,
        RecoveryTestEnv.STARTER, ApprovalPolicy.defaults(), 4));
    RunDriver run = t.driver(ID);
    run.awaitStatus("the wait for the repair", st -> st.steps().stream()
        .anyMatch(s -> s.id().equals("wait-back") && s.state() == StepState.WAITING));

    t.env.sleep(Duration.ofDays(60));
    RunStatus waiting = run.status();
    assertTrue(waiting.phase().startsWith("waiting"), waiting.phase());
    assertTrue(waiting.authority() != null, "the continued run shows the authority of the first");
    t.sim.bringBack(h2.uuid());
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    assertTrue(Journal.dangerous(t.sim.journal(), before).isEmpty());
    List<Integer> lengths = chainLengths();
    assertTrue(lengths.size() >= 50, "a day of polls per run: " + lengths.size() + " runs");
    assertTrue(lengths.stream().allMatch(n -> n < HISTORY_WARNING), lengths.toString());
    assertTrue(lengths.stream().mapToInt(Integer::intValue).sum() > HISTORY_WARNING,
        "one run alone would have passed the limit");
    assertTrue(run.status().warnings().stream().anyMatch(w -> w.contains("start them if needed")),
        "the VMs that ran on the host before it failed are still known to the last run");
  }

  /** Every run of the chain, last first, by run id: each started event names the run it continues. */
  private List<Integer> chainLengths() {
    List<Integer> lengths = new ArrayList<>();
    String runId = t.client.newUntypedWorkflowStub(ID).describe().getExecution().getRunId();
    while (!runId.isEmpty()) {
      WorkflowExecutionHistory h = t.client.fetchHistory(ID, runId);
      List<HistoryEvent> events = h.getEvents();
      lengths.add(events.size());
      runId = events.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
    }
    return lengths;
  }
}
