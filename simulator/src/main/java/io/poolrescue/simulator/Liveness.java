package io.poolrescue.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * The master's view of member liveness (reference §1), evaluated from the clock rather than by a
 * background thread: members heartbeat every heartbeatInterval from the start of their current run;
 * the GC passes every gcInterval from the master's start; a pass marks a host dead when its last
 * heartbeat is hostAssumedDead old, and live again when heartbeats have resumed.
 */
final class Liveness {
  private Liveness() {}

  static Instant lastHeartbeat(HostLiveness l, Instant t, Duration interval) {
    if (l.hbStart == null || l.hbStart.isAfter(t)) {
      return l.lastHb;
    }
    long beats = Duration.between(l.hbStart, t).toNanos() / interval.toNanos();
    Instant last = l.hbStart.plus(interval.multipliedBy(beats));
    return last.isAfter(l.lastHb) ? last : l.lastHb;
  }

  /** The last GC pass at or before now, or null if none has run since the master started. */
  static Instant lastGcPass(PoolState p, Instant now, Duration gc) {
    if (now.isBefore(p.gcEpoch)) {
      return null;
    }
    long passes = Duration.between(p.gcEpoch, now).toNanos() / gc.toNanos();
    return p.gcEpoch.plus(gc.multipliedBy(passes));
  }

  /** host_metrics.live as the master holds it at {@code now}. */
  static boolean live(PoolState p, String hostRef, Instant now, SimTimings t) {
    if (hostRef.equals(p.db.pool.masterRef())) {
      return true; // the master sets itself live at startup and never heartbeats itself
    }
    HostLiveness l = p.liveness(hostRef);
    if (l == null) {
      return false;
    }
    if (p.db.pool.haEnabled()) {
      return l.haLive;
    }
    Instant g = lastGcPass(p, now, t.gcInterval());
    if (g == null || !g.isAfter(l.flagAt)) {
      return l.flag;
    }
    Instant hb = lastHeartbeat(l, g, t.heartbeatInterval());
    if (Duration.between(hb, g).compareTo(t.hostAssumedDead()) >= 0) {
      return false;
    }
    return l.holdDead ? l.flag : true;
  }

  /** Pins the flag to its current value so that a change of regime (HA on/off, restart) starts from it. */
  static void settle(PoolState p, String hostRef, Instant now, SimTimings t) {
    HostLiveness l = p.liveness(hostRef);
    if (l != null) {
      boolean v = live(p, hostRef, now, t);
      l.flag = v;
      l.flagAt = now;
      l.haLive = v;
    }
  }
}
