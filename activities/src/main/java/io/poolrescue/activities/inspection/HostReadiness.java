package io.poolrescue.activities.inspection;

/**
 * Whether one host can take VM starts now. A host that restarts its agent refuses connections for a
 * while, then stays disabled until it has plugged its PBDs; only then does {@code VM.start_on} accept it.
 *
 * @param state what the run does with the host: wait for it ({@link State#SETTLING}) or not
 * @param answers it answers at its address as this master's member (or as the master itself)
 * @param detail what was seen, for the run's status
 */
public record HostReadiness(String uuid, String name, String address, State state, boolean answers, String detail) {

  public enum State {
    /** Live, enabled and answering as a member of this master (or the master itself). */
    READY,
    /** Live in the database but not answering as a member of this master, or disabled: worth waiting for. */
    SETTLING,
    /** The master holds it dead: nothing starts there, and nothing is gained by waiting. */
    NOT_LIVE
  }

  public String describe() {
    return name + " (" + address + ") " + detail;
  }
}
