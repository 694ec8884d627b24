package io.poolrescue.pool.xapi;

import java.util.List;

/**
 * The other addresses of the pool a host belongs to, as the worker's inventory lists them (the pool's
 * recorded master first, then its hosts; never fresh installs, which are masters of pools of their
 * own). A member in emergency mode answers every login with its refusal and names no master, yet
 * {@code /host_restore} on it takes only a session of that master: a worker that has not seen the
 * pool yet (a fresh process after a restart, or another worker than the one that inspected it) finds
 * the master by logging in at a peer, which names it.
 */
@FunctionalInterface
public interface PoolPeers {
  /** No inventory: only a master this connector saw can be used. */
  PoolPeers NONE = address -> List.of();

  /** The addresses to ask, in order; {@code address} itself may be among them (it is skipped). */
  List<String> of(String address);
}
