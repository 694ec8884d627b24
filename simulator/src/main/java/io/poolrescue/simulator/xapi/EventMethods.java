package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code event.from(classes, token, timeout)} and {@code event.inject(class, ref)}, enough for Xen
 * Orchestra's client to follow the pool: a token is a generation of the pool's event log; the
 * reply lists the objects of those classes changed since it (all of them for the empty token) and
 * a new token. With nothing to tell, the call waits up to {@code timeout} seconds of real time and
 * then answers an empty batch.
 */
final class EventMethods {
  static final String EVENT_FROM_TOKEN_PARSE_FAILURE = "EVENT_FROM_TOKEN_PARSE_FAILURE";
  private static final long POLL_MILLIS = 200;
  /** xapi waits at most this long, whatever the client asks. */
  private static final double MAX_TIMEOUT_SECONDS = 600;

  private EventMethods() {}

  static List<ApiMethod> all(EventHub hub) {
    return List.of(
        ApiMethod.pool("event.from", List.of(Param.stringSet("classes"), Param.string("token"),
            Param.floating("timeout")), c -> from(hub, c)),
        ApiMethod.pool("event.inject", List.of(Param.string("class"), Param.string("ref")), c -> inject(hub, c)));
  }

  private static Object inject(EventHub hub, Call c) {
    String cls = c.str(0).toLowerCase(Locale.ROOT);
    String viewClass = EventHub.CLASSES.get(cls);
    if (viewClass == null || EventHub.TASK.equals(cls) || !c.view().exists(viewClass, c.str(1))) {
      throw new XapiException(XapiErrors.HANDLE_INVALID, List.of(c.str(0), c.str(1)));
    }
    EventLog log = hub.log(c.session().issuedAt());
    hub.refresh(log, c.view(), c.server().tasks(), c.server().json());
    long g = log.touch(cls, c.str(1));
    hub.changed();
    return token(g);
  }

  private static Object from(EventHub hub, Call c) {
    Set<String> classes = classes(c.list(0));
    long since = parse(c.str(1));
    double seconds = Math.max(0, Math.min(MAX_TIMEOUT_SECONDS, c.dbl(2)));
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    EventLog log = hub.log(c.session().issuedAt());
    while (true) {
      hub.refresh(log, c.freshView(), c.server().tasks(), c.server().json());
      if (!log.covers(since)) {
        throw new XapiException(XapiErrors.EVENTS_LOST, List.of());
      }
      List<EventLog.Event> events = log.since(since, classes);
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (!events.isEmpty() || left <= 0) {
        return reply(c, log, events, classes);
      }
      try {
        hub.await(Math.min(left, POLL_MILLIS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return reply(c, log, events, classes);
      }
    }
  }

  private static ObjectNode reply(Call c, EventLog log, List<EventLog.Event> events, Set<String> classes) {
    ObjectNode out = c.server().json().createObjectNode();
    ArrayNode list = out.putArray("events");
    String timestamp = String.valueOf(c.server().site().now().getEpochSecond());
    for (EventLog.Event e : events) {
      ObjectNode n = list.addObject();
      n.put("id", e.id());
      n.put("timestamp", timestamp);
      n.put("class", e.cls());
      n.put("operation", e.operation());
      n.put("ref", e.ref());
      n.set("snapshot", e.snapshot());
    }
    ObjectNode counts = out.putObject("valid_ref_counts");
    classes.forEach(cls -> counts.put(cls, log.count(cls)));
    out.put("token", token(log.generation()));
    return out;
  }

  /** The requested classes in wire spelling; {@code "*"} is all; unknown names are ignored, as by xapi. */
  private static Set<String> classes(List<String> requested) {
    Set<String> out = new LinkedHashSet<>();
    for (String r : requested) {
      if ("*".equals(r)) {
        out.addAll(EventHub.CLASSES.keySet());
      } else if (EventHub.CLASSES.containsKey(r.toLowerCase(Locale.ROOT))) {
        out.add(r.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static long parse(String token) {
    if (token.isEmpty()) {
      return EventLog.FRESH;
    }
    try {
      long g = Long.parseLong(token);
      if (g >= 0) {
        return g;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new XapiException(EVENT_FROM_TOKEN_PARSE_FAILURE, List.of(token));
  }

  private static String token(long generation) {
    return String.format(Locale.ROOT, "%020d", generation);
  }
}
