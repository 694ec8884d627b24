package io.poolrescue.workflows.core;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;

/** Reads the XAPI code and message out of a failed activity or child, for run results and status. */
public final class Failures {
  private Failures() {}

  /** The failure type: the XAPI code for pool refusals, else the exception's class. */
  public static String code(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure af) {
        return af.getType();
      }
    }
    return t.getClass().getSimpleName();
  }

  /** The innermost meaningful message, without Temporal's wrapping. */
  public static String message(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure af) {
        return af.getOriginalMessage();
      }
    }
    return t instanceof TemporalFailure tf ? tf.getOriginalMessage() : String.valueOf(t.getMessage());
  }

  public static String describe(Throwable t) {
    return code(t) + ": " + message(t);
  }
}
