package io.poolrescue.client.admin;

import java.time.Instant;
import java.util.List;

/**
 * One line of the simulated pool's operation journal as the admin endpoint serves it: a mutating
 * XAPI call, the host address it ran on, its arguments, and {@code "ok"} or the XAPI error code.
 */
public record JournalLine(long seq, Instant at, String call, String via, List<String> args, String outcome) {
  public static final String OK = "ok";

  public JournalLine {
    args = args == null ? List.of() : List.copyOf(args);
  }

  public boolean succeeded() {
    return OK.equals(outcome);
  }
}
