package io.poolrescue.activities.master;

/** What {@code promote} did. */
public record PromoteResult(String memberAddress, Action action, String detail) {

  public enum Action {
    /** {@code pool.emergency_transition_to_master} was called; the agent restarts now. */
    TRANSITION_STARTED,
    /** The host already answers as master. */
    ALREADY_MASTER
  }
}
