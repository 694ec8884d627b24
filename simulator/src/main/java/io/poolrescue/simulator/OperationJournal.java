package io.poolrescue.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every mutating call the simulated pool received, in order, refusals and dry runs included. */
public final class OperationJournal {
  private final List<JournalEntry> entries = new ArrayList<>();

  synchronized JournalEntry record(Instant at, String call, String via, List<String> args, String outcome) {
    return record(at, at, call, via, args, outcome);
  }

  /** A call that started at {@code at} and returns to its caller at {@code ended}. */
  synchronized JournalEntry record(Instant at, Instant ended, String call, String via, List<String> args,
      String outcome) {
    JournalEntry e = new JournalEntry(entries.size() + 1L, at, call, via, args, outcome, ended);
    entries.add(e);
    return e;
  }

  /** A copy of every entry so far. */
  public synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  /** The entries of one call that succeeded. */
  public synchronized List<JournalEntry> successful(String call) {
    return entries.stream().filter(e -> e.call().equals(call) && e.succeeded()).toList();
  }

  /** The entries recorded after the first {@code from} ones. */
  public synchronized List<JournalEntry> since(int from) {
    return List.copyOf(entries.subList(Math.min(from, entries.size()), entries.size()));
  }

  public synchronized int size() {
    return entries.size();
  }
}
