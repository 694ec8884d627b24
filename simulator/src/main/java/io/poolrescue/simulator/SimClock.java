package io.poolrescue.simulator;

import java.time.Instant;

/** The simulator's only source of time, so that tests decide when heartbeats, timeouts and reboots happen. */
public interface SimClock {
  Instant now();

  /** Wall-clock time, for demos against a running simulator. */
  static SimClock system() {
    return Instant::now;
  }
}
