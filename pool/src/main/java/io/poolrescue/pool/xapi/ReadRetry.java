package io.poolrescue.pool.xapi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Which calls the transport sends again after a dropped connection, and how often. Only calls that
 * change nothing (reads, logins) are repeated here: for them a drop costs a few hundred milliseconds
 * instead of the whole activity's attempt. A call that may change the pool is never sent twice by
 * the transport; its activity reads what happened before deciding. A timeout is not repeated either:
 * the host is slow, not gone, and a second wait would double it; nor is a refused connection: the
 * agent is down, and its restart takes seconds, which the activity's own retry covers.
 */
final class ReadRetry {
  /** Pauses before the second and third attempt. */
  static final List<Duration> PAUSES = List.of(Duration.ofMillis(100), Duration.ofMillis(300));

  private static final Set<String> LOGINS = Set.of("session.login_with_password",
      "session.slave_local_login_with_password");

  private ReadRetry() {}

  static boolean repeatable(String method) {
    int dot = method.indexOf('.');
    return LOGINS.contains(method) || (dot > 0 && method.startsWith("get_", dot + 1));
  }

  /** Whether this failure of a repeatable call is worth another attempt. */
  static boolean worthRetrying(IOException e) {
    return !(e instanceof HttpTimeoutException) && !(e instanceof ConnectException);
  }
}
