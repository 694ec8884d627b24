package io.poolrescue.simulator;

import java.time.Instant;
import java.util.function.Consumer;

/** Something the simulated world does by itself at a given time (an agent restart completes, HA fences). */
record TimedEvent(Instant at, long seq, String label, Consumer<Instant> action) implements Comparable<TimedEvent> {
  @Override
  public int compareTo(TimedEvent o) {
    int c = at.compareTo(o.at);
    return c != 0 ? c : Long.compare(seq, o.seq);
  }
}
