package io.poolrescue.workflows.api;

import java.time.Instant;

/** One step of a procedure with its timings. */
public record StepStatus(String id, String title, StepState state, Instant startedAt, Instant endedAt, String detail) {}
