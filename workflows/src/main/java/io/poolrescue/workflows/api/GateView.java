package io.poolrescue.workflows.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A gate as people see it: what will be done, to exactly which objects, why, on which evidence and
 * from which pool state (fingerprint), with its decisions so far.
 *
 * @param gateId unique within the run (a re-asked gate gets a new id, e.g. {@code forget-host#2})
 * @param step the step this gate guards
 * @param action the dangerous action in one sentence, e.g. "Forget host h3 (host.destroy)"
 * @param targets uuids of the objects the action touches
 * @param evidence facts the decision rests on (liveness, heartbeat age, probe result, ...)
 * @param fingerprint digest of the pool state the gate was computed from
 * @param groupsToCover groups of the worker's policy (e.g. storage) no approver has come from yet:
 *     the gate stays open until each has one, even with its quorum met
 */
public record GateView(
    String gateId,
    String step,
    String action,
    List<String> targets,
    String why,
    Map<String, String> evidence,
    String fingerprint,
    int approvalsNeeded,
    List<GateDecision> decisions,
    GateState state,
    Instant openedAt,
    Instant remindAt,
    Instant expiresAt,
    boolean reminded,
    List<String> groupsToCover) {}
