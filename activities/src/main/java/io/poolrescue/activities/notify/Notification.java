package io.poolrescue.activities.notify;

/**
 * Something people must hear about a run: a gate waiting for them, a reminder, an expiry, a human task.
 *
 * @param workflowId the run, so that people know where to decide
 * @param gateId the gate concerned, or null
 */
public record Notification(String workflowId, Kind kind, String gateId, String text) {

  public enum Kind {
    GATE_OPENED,
    GATE_REMINDER,
    GATE_EXPIRED,
    HUMAN_TASK,
    RUN_FINISHED
  }
}
