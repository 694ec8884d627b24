package io.poolrescue.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One mutating call as the simulated pool received it: the XAPI call name, the address of the host
 * it ran on, its arguments (uuids, flags such as {@code dry_run=true}) and {@code "ok"} or the XAPI
 * error code it was refused with. {@code at} is when the call started, {@code ended} when it
 * returned to its caller (the same instant for a call that takes no time).
 */
public record JournalEntry(long seq, Instant at, String call, String via, List<String> args, String outcome,
    Instant ended) {

  public static final String OK = "ok";

  public JournalEntry {
    args = List.copyOf(args);
    if (ended == null) {
      ended = at;
    }
  }

  /** A call that took no time. */
  public JournalEntry(long seq, Instant at, String call, String via, List<String> args, String outcome) {
    this(seq, at, call, via, args, outcome, at);
  }

  public Instant started() {
    return at;
  }

  public boolean succeeded() {
    return OK.equals(outcome);
  }
}
