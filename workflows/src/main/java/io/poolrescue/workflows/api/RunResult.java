package io.poolrescue.workflows.api;

import java.util.List;

/**
 * How a run ended (null in {@link RunStatus} while it runs); also the workflow's return value.
 *
 * @param notRestartable VMs the run could not bring back, with the reason (e.g. disks on a lost local SR)
 */
public record RunResult(Outcome outcome, String summary, List<String> notRestartable) {

  public enum Outcome {
    /** The pool is healthy again. */
    RECOVERED,
    /** Nothing needed doing (e.g. the host came back during a REPAIR wait). */
    NOTHING_TO_DO,
    /** A person rejected a gate; nothing dangerous ran after it. */
    REJECTED,
    /** A gate expired; nothing dangerous ran after it. */
    EXPIRED,
    /** The pool refused in a way the procedure cannot fix; the summary says what and where. */
    FAILED
  }
}
