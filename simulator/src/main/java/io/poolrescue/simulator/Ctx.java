package io.poolrescue.simulator;

import java.time.Instant;

/** One call being served: the pool whose master runs it, the simulated time, and the address it ran at. */
record Ctx(Site site, PoolState pool, Instant now, String via) {
  Db db() {
    return pool.db;
  }

  boolean live(String hostRef) {
    return Liveness.live(pool, hostRef, now, site.timings);
  }
}
