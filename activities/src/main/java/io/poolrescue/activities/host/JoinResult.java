package io.poolrescue.activities.host;

/** What {@code joinPool} did. */
public record JoinResult(String hostAddress, String masterAddress, Action action, String detail) {

  public enum Action {
    /** {@code pool.join} was called on the host. */
    JOINED,
    /** The host already answers as a member of that master. */
    ALREADY_MEMBER
  }
}
