package io.poolrescue.workflows.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowUpdateException;

/** A {@code decide} the validator refuses: the update fails, and its message says why. */
public final class Refusals {
  private Refusals() {}

  public static void assertRefused(Runnable decision, String expected) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, decision::run);
    StringBuilder all = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      all.append(" | ").append(c.getMessage());
    }
    assertTrue(all.toString().contains(expected), "expected '" + expected + "' in" + all);
  }
}
