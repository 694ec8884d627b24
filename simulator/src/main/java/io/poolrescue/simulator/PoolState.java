package io.poolrescue.simulator;

import io.poolrescue.pool.model.PoolSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One running pool: the master's database plus what only the master knows (liveness timers, GC
 * schedule, replica pushes) and the cached snapshot of it.
 */
final class PoolState {
  Db db;
  Machine master;
  /** When the current master started: GC passes fall on gcEpoch + k * gcInterval. */
  Instant gcEpoch;
  Instant nextPushAt;
  Duration haTimeout;
  /** The SR holding HA's statefile while HA is on (pool.ha_statefiles), else null. */
  String haStatefileSrRef;
  final Map<String, HostLiveness> liveness = new HashMap<>();
  /** VM ref -> the operation it is in (current_operations) while a call that takes time runs. */
  final Map<String, String> vmOperations = new HashMap<>();

  /** Bumped on every change to {@link #db}; part of the snapshot cache key. */
  long version;
  PoolSnapshot cached;
  List<Object> cachedKey;
  Db lastPushed;
  long lastPushedVersion = -1;

  PoolState(Db db, Machine master, Instant start, SimTimings timings) {
    this.db = db;
    this.master = master;
    this.gcEpoch = start;
    this.nextPushAt = start.plus(timings.replicaPushInterval());
    this.haTimeout = timings.haTimeout();
  }

  void changed() {
    version++;
  }

  HostLiveness liveness(String hostRef) {
    return liveness.get(hostRef);
  }
}
