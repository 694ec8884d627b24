package io.poolrescue.workflows.api;

import java.time.Instant;
import java.util.List;

/** A pool operation the run performed (or was refused), in order: the run's own journal. */
public record OperationApplied(Instant at, String call, List<String> args, String outcome, String gateId) {}
