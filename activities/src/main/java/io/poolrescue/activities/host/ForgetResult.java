package io.poolrescue.activities.host;

/** What {@code forgetHost} did. */
public record ForgetResult(String hostUuid, Action action, String detail) {

  public enum Action {
    /** {@code host.destroy} was called, by this attempt or an earlier one whose reply was lost. */
    FORGOTTEN,
    /** The master no longer knows the host and no attempt of this activity destroyed it: nothing to do. */
    ALREADY_GONE
  }
}
