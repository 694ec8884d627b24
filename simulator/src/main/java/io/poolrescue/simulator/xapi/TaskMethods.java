package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code task.*}, enough to track the HTTP handlers. Task calls are accepted with any session the
 * server issued, local ones included, and while the host refuses normal service, so that a
 * host-local upload to a host in trouble (or one restarting because of it) can still be tracked
 * (a simplification: real xapi keeps tasks in the master's database).
 */
final class TaskMethods {
  private TaskMethods() {}

  static List<ApiMethod> all() {
    Param self = Param.ref("self", "task");
    return List.of(
        ApiMethod.task("task.create", List.of(Param.string("label"), Param.string("description")),
            c -> c.server().tasks().create(c.str(0), c.str(1), c.server().site().now(), c.address()).ref()),
        ApiMethod.task("task.destroy", List.of(self), c -> {
          c.server().tasks().destroy(c.str(0));
          return "";
        }),
        ApiMethod.task("task.get_status", List.of(self), c -> task(c).status()),
        ApiMethod.task("task.get_result", List.of(self), c -> task(c).result()),
        ApiMethod.task("task.get_error_info", List.of(self), c -> task(c).errorInfo()),
        ApiMethod.task("task.get_progress", List.of(self), c -> task(c).progress()),
        ApiMethod.task("task.get_uuid", List.of(self), c -> task(c).uuid()),
        ApiMethod.task("task.get_record", List.of(self), c -> record(c, task(c))),
        ApiMethod.task("task.get_all", List.of(), c -> {
          List<String> refs = new ArrayList<>();
          c.server().tasks().all().forEach(t -> refs.add(t.ref()));
          return refs;
        }),
        ApiMethod.task("task.get_all_records", List.of(), c -> {
          Map<String, ObjectNode> all = new LinkedHashMap<>();
          c.server().tasks().all().forEach(t -> all.put(t.ref(), record(c, t)));
          return all;
        }),
        ApiMethod.task("task.get_by_uuid", List.of(Param.string("uuid")), c -> {
          ServerTask t = c.server().tasks().byUuid(c.str(0));
          if (t == null) {
            throw new XapiException(XapiErrors.UUID_INVALID, List.of("task", c.str(0)));
          }
          return t.ref();
        }));
  }

  private static ServerTask task(Call c) {
    ServerTask t = c.server().tasks().get(c.str(0));
    if (t == null) { // destroyed between the ref check and now
      throw new XapiException(XapiErrors.HANDLE_INVALID, List.of("task", c.str(0)));
    }
    return t;
  }

  private static ObjectNode record(Call c, ServerTask t) {
    return t.record(c.server().json().createObjectNode());
  }
}
