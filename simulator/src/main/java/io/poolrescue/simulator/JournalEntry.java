package io.poolrescue.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One mutating call as the simulated pool received it: the XAPI call name, the address of the host
 * it ran on, its arguments (uuids, flags such as {@code dry_run=true}) and {@code "ok"} or the XAPI
 * error code it was refused with.
 */
public record JournalEntry(long seq, Instant at, String call, String via, List<String> args, String outcome) {

  public static final String OK = "ok";

  public JournalEntry {
    args = List.copyOf(args);
  }

  public boolean succeeded() {
    return OK.equals(outcome);
  }
}
