package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event stream of one pool database, as {@code event.from} reads it. The pool's objects are
 * compared with what was seen before each read, so every change gets a generation number; a token
 * is a generation. Live objects keep only their latest change; deletions are kept in a bounded
 * list, and a token older than a deletion that was dropped from it is {@code EVENTS_LOST}.
 */
final class EventLog {
  /** One event as event.from returns it: operation is add, mod or del. */
  record Event(long id, String cls, String ref, String operation, ObjectNode snapshot) {}

  private record Seen(ObjectNode record, long created, long changed) {}

  /** The empty token: every live object, as an add; no deletions. */
  static final long FRESH = -1;

  private final int maxDeletions;
  private final Map<String, Map<String, Seen>> live = new HashMap<>();
  private final Deque<Event> deletions = new ArrayDeque<>();
  private long generation;
  private long lostUpTo;

  EventLog(int maxDeletions) {
    this.maxDeletions = maxDeletions;
  }

  synchronized long generation() {
    return generation;
  }

  /** Whether changes after {@code token} can still be told; {@link #FRESH} always can. */
  synchronized boolean covers(long token) {
    return token == FRESH || token >= lostUpTo;
  }

  /** Compares one class's current records with the last seen ones and records the differences. */
  synchronized void observe(String cls, Map<String, ObjectNode> now) {
    Map<String, Seen> seen = live.computeIfAbsent(cls, c -> new HashMap<>());
    for (Map.Entry<String, ObjectNode> e : now.entrySet()) {
      Seen before = seen.get(e.getKey());
      if (before == null) {
        long g = ++generation;
        seen.put(e.getKey(), new Seen(e.getValue(), g, g));
      } else if (!before.record().equals(e.getValue())) {
        seen.put(e.getKey(), new Seen(e.getValue(), before.created(), ++generation));
      }
    }
    List<String> gone = new ArrayList<>();
    for (String ref : seen.keySet()) {
      if (!now.containsKey(ref)) {
        gone.add(ref);
      }
    }
    for (String ref : gone) {
      Seen last = seen.remove(ref);
      deletions.addLast(new Event(++generation, cls, ref, "del", last.record()));
      if (deletions.size() > maxDeletions) {
        lostUpTo = deletions.removeFirst().id();
      }
    }
  }

  /** An artificial change of one object ({@code event.inject}); returns the new generation. */
  synchronized long touch(String cls, String ref) {
    Seen s = live.getOrDefault(cls, Map.of()).get(ref);
    long g = ++generation;
    if (s != null) {
      live.get(cls).put(ref, new Seen(s.record(), s.created(), g));
    }
    return g;
  }

  /** The changes after {@code token} to objects of these classes, in generation order. */
  synchronized List<Event> since(long token, Set<String> classes) {
    List<Event> out = new ArrayList<>();
    for (String cls : classes) {
      live.getOrDefault(cls, Map.of()).forEach((ref, s) -> {
        if (s.changed() > token) {
          out.add(new Event(s.changed(), cls, ref, s.created() > token ? "add" : "mod", s.record()));
        }
      });
    }
    for (Event d : deletions) {
      if (token != FRESH && d.id() > token && classes.contains(d.cls())) {
        out.add(d);
      }
    }
    out.sort((a, b) -> Long.compare(a.id(), b.id()));
    return out;
  }

  synchronized int count(String cls) {
    return live.getOrDefault(cls, Map.of()).size();
  }
}
