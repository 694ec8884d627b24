package io.poolrescue.workflows.testing;

import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Drives one run from a test: reads its {@code status}, lets virtual time pass in small steps until
 * something shows up, and sends decisions through the real {@code decide} update from the approver's
 * client (a second identity).
 */
public final class RunDriver {
  /** Virtual time a test waits for something before it gives up. */
  static final Duration PATIENCE = Duration.ofHours(3);
  static final Duration STEP = Duration.ofSeconds(10);

  private final RecoveryTestEnv t;
  private final String workflowId;
  private final java.util.Set<String> settledChildren = new java.util.HashSet<>();

  RunDriver(RecoveryTestEnv t, String workflowId) {
    this.t = t;
    this.workflowId = workflowId;
  }

  public String workflowId() {
    return workflowId;
  }

  /**
   * The {@code status} query. A query waits for a free workflow task slot on the worker; on a busy
   * two-core machine running thousands of activities that can take longer than the client's 10 s
   * deadline, so a deadline is retried a few times before it counts as a failure.
   */
  public RunStatus status() {
    for (int attempt = 1; ; attempt++) {
      try {
        return t.client.newUntypedWorkflowStub(workflowId).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
      } catch (io.temporal.client.WorkflowServiceException e) {
        boolean deadline = e.getCause() instanceof io.grpc.StatusRuntimeException s
            && s.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED;
        if (!deadline || attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /** Waits (in virtual time) until the status satisfies the condition; fails if the run ends first. */
  public RunStatus awaitStatus(String what, Predicate<RunStatus> condition) {
    Duration waited = Duration.ZERO;
    while (true) {
      RunStatus s = status();
      if (condition.test(s)) {
        return s;
      }
      if (s.result() != null) {
        throw new AssertionError("run " + workflowId + " ended (" + s.result() + ") while waiting for " + what);
      }
      if (waited.compareTo(PATIENCE) > 0) {
        throw new AssertionError("no " + what + " after " + PATIENCE + " of virtual time; phase: " + s.phase());
      }
      t.env.sleep(STEP);
      waited = waited.plus(STEP);
    }
  }

  /** Waits for the gate (exact id) to be open and returns it. */
  public GateView awaitGate(String gateId) {
    RunStatus s = awaitStatus("gate " + gateId, st -> open(st, gateId).isPresent());
    return open(s, gateId).orElseThrow();
  }

  private static Optional<GateView> open(RunStatus s, String gateId) {
    return s.openGates().stream().filter(g -> g.gateId().equals(gateId)).findFirst();
  }

  public GateDecision decide(String gateId, String approver, Decision decision, String reason) {
    return t.approverClient.newUntypedWorkflowStub(workflowId)
        .update(RecoveryRun.DECIDE_UPDATE, GateDecision.class, new DecideRequest(gateId, approver, decision, reason));
  }

  public GateDecision approve(String gateId) {
    return decide(gateId, RecoveryTestEnv.APPROVER, Decision.APPROVE, "checked in the datacentre");
  }

  public GateDecision reject(String gateId) {
    return decide(gateId, RecoveryTestEnv.APPROVER, Decision.REJECT, "not now");
  }

  /**
   * Approves every gate as it opens until the run ends; returns the gate ids approved, in order.
   * Gates of child runs listed in the status are approved on the child.
   */
  public List<String> approveEverything() {
    List<String> approved = new ArrayList<>();
    Duration waited = Duration.ZERO;
    while (true) {
      RunStatus s = status();
      boolean acted = false;
      for (GateView g : s.openGates()) {
        approve(g.gateId());
        approved.add(g.gateId());
        acted = true;
      }
      for (String child : s.children()) {
        if (!openProcedure(child)) {
          continue;
        }
        RunDriver c = new RunDriver(t, child);
        RunStatus cs = c.status();
        {
          for (GateView g : cs.openGates()) {
            c.approve(g.gateId());
            approved.add(child + ":" + g.gateId());
            acted = true;
          }
        }
      }
      if (s.result() != null) {
        return approved;
      }
      if (!acted) {
        if (waited.compareTo(PATIENCE) > 0) {
          throw new AssertionError("run " + workflowId + " did not end after " + PATIENCE + "; phase " + s.phase());
        }
        t.env.sleep(STEP);
        waited = waited.plus(STEP);
      }
    }
  }

  /** Approves every gate that opens before {@code gateId}, then returns that gate, still open. */
  public GateView approveUntil(String gateId) {
    while (true) {
      RunStatus s = awaitStatus("gate " + gateId, st -> !st.openGates().isEmpty());
      for (GateView g : s.openGates()) {
        if (g.gateId().equals(gateId)) {
          return g;
        }
        approve(g.gateId());
      }
    }
  }

  /**
   * A child that can have gates: a procedure (not a VmBatch chunk) still running. Closed children
   * are remembered, so their histories are not replayed again and again to answer queries.
   */
  private boolean openProcedure(String child) {
    if (settledChildren.contains(child)) {
      return false;
    }
    var d = t.client.newUntypedWorkflowStub(child).describe();
    boolean running =
        d.getStatus() == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    if (d.getWorkflowType().equals("VmBatch") || !running) {
      settledChildren.add(child);
      return false;
    }
    return true;
  }

  /** The result; time skips freely while the test blocks here, so call it once no gate can open any more. */
  public RunResult result() {
    WorkflowStub stub = t.client.newUntypedWorkflowStub(workflowId);
    return stub.getResult(RunResult.class);
  }
}
