package io.poolrescue.console.routes;

import io.temporal.failure.ApplicationFailure;

/** The workflow's own words for a refused update or start, without Temporal's wrapping. */
final class Refusals {
  private Refusals() {}

  static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure a) {
        return a.getOriginalMessage();
      }
    }
    return e.getMessage();
  }
}
