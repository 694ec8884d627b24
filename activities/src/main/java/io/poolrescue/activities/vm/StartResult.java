package io.poolrescue.activities.vm;

/** What a start did to one VM; {@code errorCode} is the XAPI code when it failed. */
public record StartResult(String vmUuid, Action action, String hostUuid, String errorCode, String detail) {

  public enum Action {
    /** {@code VM.start_on} succeeded on {@code hostUuid}. */
    STARTED,
    /** Nothing to do: the VM already runs on the live host {@code hostUuid}. */
    ALREADY_RUNNING,
    /** The VM could not be started; see the code and detail. */
    FAILED
  }

  public boolean running() {
    return action != Action.FAILED;
  }
}
