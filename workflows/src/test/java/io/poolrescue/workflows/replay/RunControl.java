package io.poolrescue.workflows.replay;

import io.poolrescue.signing.SignedText;
import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Plays the operators of one recorded run: waits (in virtual time) for gates, and decides them
 * through the real {@code decide} update from the approver's own client.
 */
public final class RunControl {
  static final Duration STEP = Duration.ofSeconds(10);
  static final Duration PATIENCE = Duration.ofHours(6);

  private final RecordingEnv t;
  private final String workflowId;

  RunControl(RecordingEnv t, String workflowId) {
    this.t = t;
    this.workflowId = workflowId;
  }

  public RunStatus status() {
    return t.client.newUntypedWorkflowStub(workflowId).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
  }

  public RunStatus awaitStatus(String what, Predicate<RunStatus> condition) {
    Duration waited = Duration.ZERO;
    while (true) {
      RunStatus s = status();
      if (condition.test(s)) {
        return s;
      }
      if (s.result() != null || waited.compareTo(PATIENCE) > 0) {
        throw new IllegalStateException("run " + workflowId + " never reached: " + what + " (phase " + s.phase() + ")");
      }
      t.env.sleep(STEP);
      waited = waited.plus(STEP);
    }
  }

  public GateView awaitGate(String gateId) {
    RunStatus s = awaitStatus("gate " + gateId + " open",
        st -> st.openGates().stream().anyMatch(g -> g.gateId().equals(gateId)));
    return s.openGates().stream().filter(g -> g.gateId().equals(gateId)).findFirst().orElseThrow();
  }

  public GateDecision decide(String gateId, String approver, Decision decision, String reason) {
    return t.clientAs(approver).newUntypedWorkflowStub(workflowId)
        .update(RecoveryRun.DECIDE_UPDATE, GateDecision.class, request(gateId, approver, decision, reason));
  }

  /** The decision as the approver sends it: signed over the gate as the run shows it, when the env signs. */
  private DecideRequest request(String gateId, String approver, Decision decision, String reason) {
    SshKeygenSigner key = t.keyOf(approver);
    RecordingEnv.BrowserKey browser = t.browserKeyOf(approver);
    if (key == null && browser == null) {
      return new DecideRequest(gateId, approver, decision, reason);
    }
    RunStatus s = status();
    GateView g = s.gates().stream().filter(x -> x.gateId().equals(gateId)).findFirst().orElseThrow();
    String runId = t.client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
    java.time.Instant at = t.now();
    byte[] text = SignedText.decision(workflowId, runId, s.requestedBy(), gateId, g.fingerprint(), g.targets(),
        decision.name(), approver, at, reason);
    return key != null
        ? new DecideRequest(gateId, approver, decision, reason, at.toString(), key.sign(text, SignedText.NAMESPACE))
        : new DecideRequest(gateId, approver, decision, reason, at.toString(), null, browser.sign(text));
  }

  public GateDecision approve(String gateId, String reason) {
    return decide(gateId, RecordingEnv.APPROVER, Decision.APPROVE, reason);
  }

  /** Lets virtual time pass while the run waits (for a reminder, an expiry, the master's verdict). */
  public void sleep(Duration d) {
    t.env.sleep(d);
  }

  /**
   * Approves each gate as it opens (after a short, realistic pause) until the run ends, including the
   * gates of child runs that are procedures; the gate ids in order.
   */
  public List<String> approveEverything() {
    List<String> approved = new ArrayList<>();
    Duration waited = Duration.ZERO;
    while (true) {
      RunStatus s = status();
      boolean acted = false;
      for (GateView g : s.openGates()) {
        t.env.sleep(Duration.ofMinutes(2));
        approve(g.gateId(), "checked: " + g.action());
        approved.add(g.gateId());
        acted = true;
      }
      for (String child : s.children()) {
        RunControl c = new RunControl(t, child);
        RunStatus cs = c.statusIfProcedure();
        for (GateView g : cs == null ? List.<GateView>of() : cs.openGates()) {
          t.env.sleep(Duration.ofMinutes(2));
          c.approve(g.gateId(), "checked: " + g.action());
          approved.add(child + ":" + g.gateId());
          acted = true;
        }
      }
      if (s.result() != null) {
        return approved;
      }
      if (!acted) {
        if (waited.compareTo(PATIENCE) > 0) {
          throw new IllegalStateException("run " + workflowId + " did not end; phase " + s.phase());
        }
        t.env.sleep(STEP);
        waited = waited.plus(STEP);
      }
    }
  }

  /** Approves every gate that opens before {@code gateId} and returns that gate once it is open. */
  public GateView approveUntil(String gateId) {
    while (true) {
      RunStatus s = awaitStatus("a gate before " + gateId, st -> !st.openGates().isEmpty());
      for (GateView g : s.openGates()) {
        if (g.gateId().equals(gateId)) {
          return g;
        }
        t.env.sleep(Duration.ofMinutes(2));
        approve(g.gateId(), "checked: " + g.action());
      }
    }
  }

  /** The status of a child run that is a procedure; null for a VM batch child (no status query). */
  RunStatus statusIfProcedure() {
    try {
      return status();
    } catch (RuntimeException notAProcedure) {
      return null;
    }
  }

  public RunResult result() {
    return t.client.newUntypedWorkflowStub(workflowId).getResult(RunResult.class);
  }
}
