package io.poolrescue.activities.master;

/** What {@code promote} did. */
public record PromoteResult(String memberAddress, Action action, String detail) {

  public enum Action {
    /** {@code pool.emergency_transition_to_master} was called, by this attempt or an earlier one whose reply was lost. */
    TRANSITION_STARTED,
    /** The host already answers as master. */
    ALREADY_MASTER
  }
}
