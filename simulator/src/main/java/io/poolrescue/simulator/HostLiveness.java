package io.poolrescue.simulator;

import java.time.Instant;

/**
 * What a master tracks about one host's liveness. The live flag is evaluated lazily from these
 * fields and the clock (see {@link Liveness}), so results only depend on simulated time.
 */
final class HostLiveness {
  /** The flag as last set by an event (hello, clean shutdown, promotion, HA switch). */
  boolean flag;
  Instant flagAt;
  /** Once marked dead by a clean shutdown or a fence, GC never flips it back; only Pool.hello does. */
  boolean holdDead;
  /** Start of the current run of heartbeats (one every heartbeatInterval from here), null when silent. */
  Instant hbStart;
  /** The last heartbeat received before the current run (or the timer start). */
  Instant lastHb;
  /** With HA on: membership of the xhad liveset. */
  boolean haLive;
  boolean haCheckScheduled;

  HostLiveness(boolean flag, Instant at) {
    this.flag = flag;
    this.flagAt = at;
    this.lastHb = at;
    this.haLive = flag;
  }
}
