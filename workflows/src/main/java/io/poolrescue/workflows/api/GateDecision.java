package io.poolrescue.workflows.api;

import java.time.Instant;

/** A decision as the gate recorded it: returned by {@code decide} and kept in the run status. */
public record GateDecision(
    String gateId, String approver, Decision decision, String reason, Instant at, String fingerprint) {}
