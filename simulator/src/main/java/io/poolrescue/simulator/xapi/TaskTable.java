package io.poolrescue.simulator.xapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's tasks. XAPI keeps tasks in the pool database, so one table serves every address:
 * a task created on the master can track an upload to a member.
 */
final class TaskTable {
  private final Map<String, ServerTask> tasks = new ConcurrentHashMap<>();

  ServerTask create(String label, String description, Instant now) {
    ServerTask t = new ServerTask("OpaqueRef:" + UUID.randomUUID(), UUID.randomUUID().toString(), label,
        description, now);
    tasks.put(t.ref(), t);
    return t;
  }

  /** A task nobody can see, for HTTP handler calls that came without {@code task_id}. */
  ServerTask unlisted(String label, Instant now) {
    return new ServerTask("OpaqueRef:" + UUID.randomUUID(), UUID.randomUUID().toString(), label, "", now);
  }

  ServerTask get(String ref) {
    return ref == null ? null : tasks.get(ref);
  }

  ServerTask byUuid(String uuid) {
    return tasks.values().stream().filter(t -> t.uuid().equals(uuid)).findFirst().orElse(null);
  }

  List<ServerTask> all() {
    return new ArrayList<>(tasks.values());
  }

  void destroy(String ref) {
    tasks.remove(ref);
  }
}
