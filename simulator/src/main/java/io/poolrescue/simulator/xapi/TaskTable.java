package io.poolrescue.simulator.xapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's tasks. One table serves every address, so a task created on the master can track an
 * upload to a member. A task lives in the agent that created it ({@code task.create}'s address):
 * once that agent has restarted it is gone, as xapi keeps tasks in memory.
 */
final class TaskTable {
  private final Map<String, ServerTask> tasks = new ConcurrentHashMap<>();
  private final ServedSite site;

  TaskTable(ServedSite site) {
    this.site = site;
  }

  ServerTask create(String label, String description, Instant now, String address) {
    ServerTask t = new ServerTask("OpaqueRef:" + UUID.randomUUID(), UUID.randomUUID().toString(), label,
        description, now, address, site.agentRun(address));
    tasks.put(t.ref(), t);
    return t;
  }

  /** A task nobody can see, for HTTP handler calls that came without {@code task_id}. */
  ServerTask unlisted(String label, Instant now) {
    return new ServerTask("OpaqueRef:" + UUID.randomUUID(), UUID.randomUUID().toString(), label, "", now, null, 0);
  }

  /** The task, or null when there is none or its agent has restarted since (then it is dropped). */
  ServerTask get(String ref) {
    ServerTask t = ref == null ? null : tasks.get(ref);
    if (t != null && !site.runGoesOn(t.createdAt(), t.agentRun(), true)) {
      tasks.remove(ref, t);
      return null;
    }
    return t;
  }

  ServerTask byUuid(String uuid) {
    return all().stream().filter(t -> t.uuid().equals(uuid)).findFirst().orElse(null);
  }

  List<ServerTask> all() {
    List<ServerTask> out = new ArrayList<>();
    for (String ref : List.copyOf(tasks.keySet())) {
      ServerTask t = get(ref);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  void destroy(String ref) {
    tasks.remove(ref);
  }
}
