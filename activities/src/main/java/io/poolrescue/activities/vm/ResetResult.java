package io.poolrescue.activities.vm;

/** What a reset did to one VM. */
public record ResetResult(String vmUuid, Action action, String detail) {

  public enum Action {
    /** {@code VM.power_state_reset} was called. */
    RESET,
    /** Nothing to do: the VM is already Halted. */
    ALREADY_HALTED,
    /** Left alone: the VM is not resident on a dead host (it runs elsewhere, or is suspended). */
    LEFT_ALONE,
    /** The VM no longer exists. */
    GONE
  }

  public boolean changedPool() {
    return action == Action.RESET;
  }
}
