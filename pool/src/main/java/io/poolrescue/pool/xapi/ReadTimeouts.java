package io.poolrescue.pool.xapi;

import java.time.Duration;
import java.util.Set;

/**
 * How long a request waits for its reply, by kind of call: most calls answer in seconds, but a few
 * synchronous ones legitimately keep their caller for minutes, and giving up on those early would
 * make the caller retry an operation that is still running. The table is in docs/xapi-wire.md.
 *
 * @param call an ordinary JSON-RPC call
 * @param longCall a call of {@link #LONG_CALLS}, and an HTTP handler's transfer
 */
record ReadTimeouts(Duration call, Duration longCall) {

  /**
   * Synchronous calls that may take minutes: HA enabling (statefile and heartbeats on every host),
   * VM starts (a host queues them; a {@code paused} disk is retried by SM for 120 s), PBD plugs (an
   * iSCSI login and SR attach), HA disabling and pool joins (up to the joiner's agent restart).
   */
  static final Set<String> LONG_CALLS = Set.of("pool.enable_ha", "pool.disable_ha", "VM.start", "VM.start_on",
      "PBD.plug", "pool.join", "pool.join_force");

  /** The read timeout of the JSON-RPC call {@code method}. */
  Duration forCall(String method) {
    return LONG_CALLS.contains(method) ? longCall : call;
  }

  /** The read timeout of an HTTP handler's request (a backup download, a restore upload). */
  Duration forTransfer() {
    return longCall;
  }
}
