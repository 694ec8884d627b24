package io.poolrescue.workflows.core;

import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.SignedDecision;
import io.poolrescue.activities.notify.Notification;
import io.poolrescue.activities.notify.NotificationActivities;
import io.poolrescue.signing.Names;
import io.poolrescue.signing.webauthn.WebAuthnAssertions;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RunResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The only way a dangerous step runs. One per run, shared by every procedure: opens gates, waits
 * durably for a quorum of approvals or one rejection, reminds, expires (never approves by itself),
 * validates and records decisions from the {@code decide} update, and voids an approval when the
 * pool changed before the step could run.
 */
public final class ApprovalGate {
  private static final Logger log = Workflow.getLogger(ApprovalGate.class);
  /** A pool that keeps changing under the approvers is a reason to stop, not to ask forever. */
  static final int MAX_ASKS = 5;

  private final String requestedBy;
  private final RunStatusRecorder status;
  private final NotificationActivities notifications;
  private final List<OpenGate> gates = new ArrayList<>();
  /** The run's behaviour version: which rules the validator applies (see {@link #rulesOf}). */
  private int version = Versions.ORIGINAL;
  /** The request's rules until the run adopts the worker's policy (from {@link Versions#AUTHORITY} on). */
  private RunRules rules;
  private final SignCounts signCounts = new SignCounts();

  public ApprovalGate(ApprovalPolicy policy, String requestedBy, RunStatusRecorder status,
      NotificationActivities notifications) {
    this.rules = RunRules.ofRequest(policy);
    this.requestedBy = requestedBy;
    this.status = status;
    this.notifications = notifications;
    status.attachGates(this::views);
  }

  /** The run decided its version; the validator reads it from here, never calling getVersion itself. */
  void rulesOf(int runVersion) {
    this.version = runVersion;
  }

  /** The worker's policy, recorded at run start, narrowed by the request. */
  void adopt(RunRules runRules) {
    this.rules = runRules;
  }

  public List<GateView> views() {
    return gates.stream().map(OpenGate::view).toList();
  }

  /** Opens a gate and waits until it is approved, rejected or expired. */
  public GateOutcome ask(GateRequest request) {
    String id = nextId(request.id());
    Instant opened = RunStatusRecorder.now();
    GateRules r = rules.of(id, request.minApprovals());
    boolean remind = r.remindAfter().compareTo(r.expireAfter()) < 0;
    int quorum = r.quorum();
    OpenGate g = new OpenGate(id, request, r, opened, remind ? opened.plus(r.remindAfter()) : null,
        opened.plus(r.expireAfter()));
    gates.add(g);
    status.waitingApproval(request.step(), id);
    status.metrics().gateOpened();
    log.info("gate {} opened: {}", id, request.action());
    notify(Notification.Kind.GATE_OPENED, id, request.action() + " - needs " + quorum + " approval(s)");

    Duration rest = r.expireAfter();
    if (remind) {
      if (!Workflow.await(r.remindAfter(), () -> !g.open())) {
        g.reminded = true;
        status.warn("reminder: gate " + id + " has waited " + r.remindAfter() + " for a decision");
        notify(Notification.Kind.GATE_REMINDER, id, "still waiting: " + request.action());
      }
      rest = r.expireAfter().minus(r.remindAfter());
    }
    if (g.open() && !Workflow.await(rest, () -> !g.open())) {
      g.state = GateState.EXPIRED;
      notify(Notification.Kind.GATE_EXPIRED, id, "expired without a decision: " + request.action());
    }
    status.metrics().gateClosed(g.state);
    return outcome(g);
  }

  /** The approval as the pool-changing activities receive it, to check it again before they act. */
  private ApprovalProof proof(OpenGate g) {
    var info = Workflow.getInfo();
    return new ApprovalProof(info.getWorkflowId(), info.getRunId(), info.getWorkflowType(), requestedBy, g.id,
        g.request.fingerprint(), g.request.targets(), g.received);
  }

  private GateOutcome outcome(OpenGate g) {
    String step = g.request.step();
    switch (g.state) {
      case APPROVED -> {
        status.running(step, "approved at gate " + g.id + " by " + approvers(g));
        return new GateOutcome.Approved(g.id, g.request.fingerprint(), g.decisions, proof(g));
      }
      case REJECTED -> {
        GateDecision d = g.decisions.get(g.decisions.size() - 1);
        status.skip(step, "rejected at gate " + g.id + " by " + d.approver() + ": " + d.reason());
        return new GateOutcome.Rejected(g.id, d);
      }
      default -> {
        status.skip(step, "gate " + g.id + " expired after " + g.rules.expireAfter() + " without a decision");
        return new GateOutcome.Expired(g.id);
      }
    }
  }

  /**
   * Drives a guarded step until an approval stands: read, maybe stop, ask, then compare the
   * fingerprint with the approved one; a change voids the approval and the gate is asked again.
   */
  public <S> Guard<S> approve(GuardedStep<S> step) {
    for (int ask = 1; ask <= MAX_ASKS; ask++) {
      S state = step.read();
      Optional<RunResult> stop = step.stopBefore(state);
      if (stop.isPresent()) {
        return new Guard.Stop<>(stop.get());
      }
      GateRequest request = step.request(state);
      GateOutcome outcome = ask(request);
      if (outcome instanceof GateOutcome.Rejected r) {
        return new Guard.Stop<>(new RunResult(RunResult.Outcome.REJECTED, "gate " + r.gateId() + " rejected by "
            + r.decision().approver() + " (" + r.decision().reason() + "): " + request.action()
            + " was not done, nor anything dangerous after it", List.of()));
      }
      if (outcome instanceof GateOutcome.Expired e) {
        return new Guard.Stop<>(new RunResult(RunResult.Outcome.EXPIRED, "gate " + e.gateId() + " expired after "
            + find(e.gateId()).orElseThrow().rules.expireAfter() + " without a decision: " + request.action()
            + " was not done, nor anything dangerous after it", List.of()));
      }
      GateOutcome.Approved approved = (GateOutcome.Approved) outcome;
      String now = step.fingerprintNow();
      if (now.equals(approved.fingerprint())) {
        return new Guard.Proceed<>(state, approved);
      }
      voidGate(approved.gateId(), "the pool changed after the approval (fingerprint " + approved.fingerprint()
          + " -> " + now + ")");
    }
    return new Guard.Stop<>(new RunResult(RunResult.Outcome.FAILED, "the pool kept changing after each of "
        + MAX_ASKS + " approvals; nothing was done at that step", List.of()));
  }

  public void voidGate(String gateId, String reason) {
    OpenGate g = find(gateId).orElseThrow();
    g.state = GateState.VOIDED;
    status.warn("approval of gate " + gateId + " voided: " + reason + "; asking again");
    notify(Notification.Kind.GATE_OPENED, gateId, "approval voided: " + reason);
  }

  /** The {@code decide} validator: refuses with a message that says what is wrong, changes nothing. */
  public void validate(DecideRequest r) {
    check(r);
  }

  /** The checks of {@link #validate}; returns the verified signer's key, or null for an unsigned decision. */
  private String check(DecideRequest r) {
    if (r == null || blank(r.gateId())) {
      throw new IllegalArgumentException("decide needs {gateId, approver, decision, reason}; gateId is missing");
    }
    OpenGate g = find(r.gateId()).orElseThrow(() -> new IllegalArgumentException("unknown gate id '" + r.gateId()
        + "'; open gates: " + gates.stream().filter(OpenGate::open).map(x -> x.id).toList()));
    if (!g.open()) {
      throw new IllegalArgumentException("gate " + g.id + " is " + g.state + ", not open");
    }
    if (blank(r.approver())) {
      throw new IllegalArgumentException("approver is required");
    }
    if (r.decision() == null) {
      throw new IllegalArgumentException("decision must be APPROVE or REJECT");
    }
    if (version >= Versions.AUTHORITY) {
      return DecisionRules.check(g, r, requestedBy, rules, version, signCounts);
    }
    if (version >= Versions.NAMES) {
      validatePerson(g, r);
      return null;
    }
    String who = r.approver().trim();
    GateRules policy = g.rules;
    if (!policy.approvers().isEmpty() && policy.approvers().stream().noneMatch(a -> a.equalsIgnoreCase(who))) {
      throw new IllegalArgumentException("approver '" + who + "' is not allowed to decide on this run; allowed: "
          + policy.approvers());
    }
    if (r.decision() == Decision.APPROVE && who.equalsIgnoreCase(requestedBy) && !policy.starterMayApprove()) {
      throw new IllegalArgumentException("approver '" + who + "' started this run and may not approve it "
          + "(four-eyes rule; the request's approvals.allowStarterApproval is off)");
    }
    g.decisions.stream().filter(d -> d.approver().equalsIgnoreCase(who)).findFirst().ifPresent(d -> {
      throw new IllegalArgumentException("'" + who + "' already decided on gate " + g.id + " (" + d.decision()
          + " at " + d.at() + "); one vote per person");
    });
    return null;
  }

  /** Who may decide, with every name in its normalized form (runs from {@link Versions#NAMES} on). */
  private void validatePerson(OpenGate g, DecideRequest r) {
    String who = r.approver().strip();
    GateRules policy = g.rules;
    if (!policy.approvers().isEmpty() && policy.approvers().stream().noneMatch(a -> Names.same(a, who))) {
      throw new IllegalArgumentException("approver '" + who + "' is not allowed to decide on this run; allowed: "
          + policy.approvers());
    }
    if (r.decision() == Decision.APPROVE && Names.same(who, requestedBy) && !policy.starterMayApprove()) {
      throw new IllegalArgumentException("approver '" + who + "' started this run and may not approve it "
          + "(four-eyes rule; names are compared trimmed, case- and width-insensitive)");
    }
    g.decisions.stream().filter(d -> Names.same(d.approver(), who)).findFirst().ifPresent(d -> {
      throw new IllegalArgumentException("'" + who + "' already decided on gate " + g.id + " as '" + d.approver()
          + "' (" + d.decision() + " at " + d.at() + "); one vote per person");
    });
  }

  /** The {@code decide} handler: records the decision (validated again, as handlers run on replay too). */
  public GateDecision decide(DecideRequest r) {
    String signerKey = check(r);
    OpenGate g = find(r.gateId()).orElseThrow();
    GateDecision d = new GateDecision(g.id, r.approver().trim(), r.decision(), r.reason(), RunStatusRecorder.now(),
        g.request.fingerprint(), signerKey);
    g.record(d, new SignedDecision(r.approver(), r.decision().name(), r.reason(), r.signedAt(), r.signature(),
        r.webauthn()));
    if (r.webauthn() != null) {
      signCounts.record(r.webauthn().credentialId(), WebAuthnAssertions.signCountOf(r.webauthn()));
    }
    log.info("gate {}: {} by {} ({})", g.id, d.decision(), d.approver(), d.reason());
    return d;
  }

  Optional<OpenGate> find(String id) {
    return gates.stream().filter(g -> g.id.equals(id)).findFirst();
  }

  private String nextId(String base) {
    long asked = gates.stream().filter(g -> g.id.equals(base) || g.id.startsWith(base + "#")).count();
    return asked == 0 ? base : base + "#" + (asked + 1);
  }

  private static String approvers(OpenGate g) {
    return String.join(", ", g.decisions.stream().map(GateDecision::approver).toList());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private void notify(Notification.Kind kind, String gateId, String text) {
    try {
      notifications.notify(new Notification(Workflow.getInfo().getWorkflowId(), kind, gateId, text));
    } catch (ActivityFailure e) {
      // A lost notification must not decide the run; the status query still shows the gate.
      status.warn("notification " + kind + " for gate " + gateId + " failed: " + e.getMessage());
    }
  }
}
