package io.poolrescue.activities;

import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.TransferNotReceivedException;
import io.poolrescue.pool.XapiException;
import io.temporal.activity.Activity;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * "An earlier attempt of this activity sent its one-shot call at T", kept in the attempt's heartbeat
 * details. It is written before the call, so a retry after a lost reply (the pool acted, the worker
 * never heard) or after a killed worker knows the call may have taken effect even where the pool
 * cannot show it yet. The marker is sent at once ({@link Heartbeats#beatNow}, from {@link #keep} or
 * {@link #sending}); {@link SideBeats} then repeats it while the call runs, however long. A
 * {@link #withdraw} rides on the attempt's failure.
 */
public record SentMarker(Instant sentAt) {

  /** Left by {@link #withdraw}: the pool answered the call with an error, so it did not act. */
  private static final long NOT_APPLIED = 0L;

  /** What an earlier attempt left; empty on a first attempt, outside an activity, or when none sent. */
  public static Optional<SentMarker> earlier() {
    return Heartbeats.previous(Long.class).filter(ms -> ms != NOT_APPLIED)
        .map(ms -> new SentMarker(Instant.ofEpochMilli(ms)));
  }

  /**
   * The pool refused the call (an XAPI error is a reply, and XAPI applies nothing it refuses): the
   * next attempt must not take the call as done. Reaches the server with this attempt's failure.
   */
  public static void withdraw() {
    Heartbeats.beat(NOT_APPLIED);
  }

  /**
   * Now on the Temporal server's clock: when the current attempt was scheduled (the worker's own
   * clock outside an activity). One clock for every worker, whatever their clocks' skew, and the
   * one a test server that skips time moves.
   */
  static long now() {
    try {
      return Activity.getExecutionContext().getInfo().getCurrentAttemptScheduledTimestamp();
    } catch (IllegalStateException outsideActivity) {
      return System.currentTimeMillis();
    }
  }

  /** Records that this attempt is about to send the call; beat before the call, never after. */
  public static SentMarker sending() {
    long now = now();
    Heartbeats.beatNow(now);
    return new SentMarker(Instant.ofEpochMilli(now));
  }

  /**
   * Sends the one-shot call under a fresh marker, withdrawn again when the call provably did not act:
   * the pool answered it with an error, the connection was refused before anything was sent, or an
   * upload's task shows the host never took it. Any other transport failure (a read timeout) leaves
   * the marker: the pool may have acted.
   */
  public static <T> T send(Supplier<T> call) {
    sending();
    return withdrawnIfNotApplied(call);
  }

  public static void send(Runnable call) {
    send(() -> {
      call.run();
      return null;
    });
  }

  private static <T> T withdrawnIfNotApplied(Supplier<T> call) {
    try {
      return call.get();
    } catch (XapiException e) {
      withdraw();
      throw e;
    } catch (PoolUnreachableException e) {
      if (e instanceof TransferNotReceivedException || refusedConnection(e)) {
        withdraw();
      }
      throw e;
    }
  }

  private static boolean refusedConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** Hands the marker on to the next attempt when this one sends nothing. */
  public SentMarker keep() {
    Heartbeats.beatNow(sentAt.toEpochMilli());
    return this;
  }

  /** True while the call sent at {@link #sentAt} may still be taking effect (both on the server's clock). */
  public boolean within(Duration bound) {
    return now() - sentAt.toEpochMilli() < bound.toMillis();
  }
}
