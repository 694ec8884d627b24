package io.poolrescue.activities.host;

/** What {@code forgetHost} did. */
public record ForgetResult(String hostUuid, Action action, String detail) {

  public enum Action {
    /** {@code host.destroy} was called. */
    FORGOTTEN,
    /** The master no longer knows the host: nothing to do. */
    ALREADY_GONE
  }
}
