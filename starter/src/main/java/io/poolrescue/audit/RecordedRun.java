package io.poolrescue.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What the history itself records, independent of today's code: who started the run with which
 * request, when it started and closed, every decision sent through {@code decide}, every activity
 * and child run with its input and outcome.
 *
 * @param closeStatus COMPLETED, FAILED, TIMED_OUT, CANCELED, TERMINATED, CONTINUED_AS_NEW, or RUNNING
 *     when the history ends while the run is still open
 * @param startSignature the start's signature as its memo carried it, or null for an unsigned start
 */
public record RecordedRun(
    String workflowType,
    String workflowId,
    String runId,
    String startedBy,
    JsonNode request,
    Instant startedAt,
    Instant closedAt,
    String closeStatus,
    JsonNode result,
    String failure,
    List<RecordedDecision> decisions,
    List<RecordedActivity> activities,
    List<RecordedChild> children,
    int eventCount,
    JsonNode startSignature) {

  /** A {@code decide} update as the server recorded it. */
  public record RecordedDecision(
      String updateId,
      String sentBy,
      long acceptedEventId,
      Instant acceptedAt,
      JsonNode request,
      Instant completedAt,
      JsonNode result,
      String refusal) {}

  /** One activity: the pool call a step made through the worker, with its input and what came back. */
  public record RecordedActivity(
      String activityId,
      String type,
      long scheduledEventId,
      Instant scheduledAt,
      JsonNode input,
      Instant endedAt,
      String outcome,
      JsonNode result,
      String failure,
      int attempts) {}

  /** A child run (a batch of VM restarts, the old master's member recovery). */
  public record RecordedChild(
      String workflowId, String workflowType, Instant startedAt, Instant endedAt, String outcome, JsonNode result) {}
}
