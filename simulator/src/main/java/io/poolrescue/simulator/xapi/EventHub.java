package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event logs of the pools the server serves, one per master address (sessions name it), and
 * the wake-up of {@code event.from} calls waiting for a change. A waiting call holds no lock of the
 * simulation: it sleeps here until any call or handler finished ({@link #changed}) or a short poll
 * interval passed (changes that come with the simulated clock), then looks again.
 */
final class EventHub {
  /** Event classes are lowercase on the wire ({@code "vm"}); the object view names them as XAPI's API does. */
  static final Map<String, String> CLASSES = classes();
  static final String TASK = "task";
  private static final int MAX_DELETIONS = 4096;

  private final Map<String, EventLog> logs = new ConcurrentHashMap<>();
  private final Map<EventLog, ObjectView> lastView = new ConcurrentHashMap<>();
  private final Object wake = new Object();
  private long changes; // guarded by wake

  private static Map<String, String> classes() {
    Map<String, String> m = new LinkedHashMap<>();
    ObjectView.CLASSES.forEach(c -> m.put(c.toLowerCase(Locale.ROOT), c));
    m.put(TASK, TASK);
    return Map.copyOf(m);
  }

  EventLog log(String masterAddress) {
    return logs.computeIfAbsent(masterAddress, a -> new EventLog(MAX_DELETIONS));
  }

  /** Brings the log up to date with the pool as seen now, and with the server's tasks. */
  void refresh(EventLog log, ObjectView view, TaskTable tasks, ObjectMapper json) {
    if (lastView.get(log) != view) {
      ObjectView.CLASSES.forEach(c -> log.observe(c.toLowerCase(Locale.ROOT), view.all(c)));
      lastView.put(log, view);
    }
    Map<String, ObjectNode> byRef = new HashMap<>();
    List<ServerTask> all = tasks.all();
    all.forEach(t -> byRef.put(t.ref(), t.record(json.createObjectNode())));
    log.observe(TASK, byRef);
  }

  /** Something may have changed: waiting event.from calls look again. */
  void changed() {
    synchronized (wake) {
      changes++;
      wake.notifyAll();
    }
  }

  /** Waits at most {@code millis} for {@link #changed}. */
  void await(long millis) throws InterruptedException {
    synchronized (wake) {
      long seen = changes;
      long until = System.nanoTime() + millis * 1_000_000L;
      while (changes == seen) {
        long left = (until - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return;
        }
        wake.wait(left);
      }
    }
  }
}
