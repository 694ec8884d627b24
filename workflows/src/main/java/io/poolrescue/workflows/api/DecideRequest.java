package io.poolrescue.workflows.api;

/**
 * The single JSON object the {@code decide} update takes, e.g.
 * {@code {"gateId":"forget-host","approver":"alice","decision":"APPROVE","reason":"host is powered off in the DC"}}.
 */
public record DecideRequest(String gateId, String approver, Decision decision, String reason) {}
