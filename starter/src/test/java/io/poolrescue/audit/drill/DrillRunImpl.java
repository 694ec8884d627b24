package io.poolrescue.audit.drill;

import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.api.StepStatus;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public class DrillRunImpl implements DrillRun {

  static final String GATE = "reset-vm";
  static final Duration EXPIRE = Duration.ofHours(1);

  protected final DrillActivities activities =
      Workflow.newActivityStub(
          DrillActivities.class, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
  protected final List<StepStatus> steps = new ArrayList<>();
  protected final List<OperationApplied> operations = new ArrayList<>();
  protected final List<GateDecision> decisions = new ArrayList<>();
  protected DrillRequest request;
  protected GateView gate;
  protected RunResult result;

  @Override
  public RunResult run(DrillRequest request) {
    this.request = request;
    step("inspect", () -> activities.pool(request.poolAddress()));
    if (!resetStep()) {
      return result;
    }
    step("verify", () -> activities.pool(request.poolAddress()));
    return finish(Outcome.RECOVERED, "vm " + request.vmUuid() + " running again");
  }

  /** Ask, then act: the order the variant in the tests breaks. */
  protected boolean resetStep() {
    if (!askGate()) {
      return false;
    }
    step("reset", this::reset);
    return true;
  }

  protected boolean askGate() {
    Instant now = now();
    gate = new GateView(GATE, "reset", "Reset VM " + request.vmUuid() + " (VM.power_state_reset)",
        List.of(request.vmUuid()), "its host is dead", Map.of("heartbeat-age", "742s"), "fp-1", 1,
        List.of(), GateState.OPEN, now, now.plus(ApprovalPolicy.DEFAULT_REMIND), now.plus(EXPIRE), false,
        List.of());
    boolean decided = Workflow.await(EXPIRE, () -> !decisions.isEmpty());
    GateState state = !decided ? GateState.EXPIRED
        : decisions.get(0).decision() == Decision.APPROVE ? GateState.APPROVED : GateState.REJECTED;
    gate = withState(state);
    if (state != GateState.APPROVED) {
      finish(state == GateState.EXPIRED ? Outcome.EXPIRED : Outcome.REJECTED, "gate " + GATE + " " + state);
      return false;
    }
    return true;
  }

  protected void reset() {
    String outcome = activities.reset(request.vmUuid());
    operations.add(new OperationApplied(now(), "VM.power_state_reset", List.of(request.vmUuid()), outcome, GATE));
  }

  protected void step(String id, Runnable body) {
    Instant start = now();
    body.run();
    steps.add(new StepStatus(id, id, StepState.DONE, start, now(), null));
  }

  private RunResult finish(Outcome outcome, String summary) {
    result = new RunResult(outcome, summary, List.of());
    return result;
  }

  private GateView withState(GateState state) {
    return new GateView(gate.gateId(), gate.step(), gate.action(), gate.targets(), gate.why(), gate.evidence(),
        gate.fingerprint(), gate.approvalsNeeded(), List.copyOf(decisions), state, gate.openedAt(), gate.remindAt(),
        gate.expiresAt(), false, List.of());
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  @Override
  public RunStatus status() {
    GateView g = gate == null ? null : (gate.state() == GateState.OPEN ? withState(GateState.OPEN) : gate);
    return new RunStatus("DrillRun", request == null ? null : request.requestedBy(), "drill", List.copyOf(steps),
        g == null ? List.of() : List.of(g), List.copyOf(operations), List.of(), null, List.of(), result, null, null);
  }

  @Override
  public GateDecision decide(DecideRequest r) {
    GateDecision d = new GateDecision(r.gateId(), r.approver(), r.decision(), r.reason(), now(), gate.fingerprint());
    decisions.add(d);
    return d;
  }

  @Override
  public void validateDecide(DecideRequest r) {
    if (gate == null || !GATE.equals(r.gateId())) {
      throw new IllegalArgumentException("no gate " + r.gateId());
    }
    if (gate.state() != GateState.OPEN) {
      throw new IllegalArgumentException("gate " + r.gateId() + " is " + gate.state() + ", not open");
    }
  }
}
