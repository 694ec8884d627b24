package io.poolrescue.simulator.xapi;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every method the server answers, by wire name. */
final class MethodTable {
  private final Map<String, ApiMethod> methods = new TreeMap<>();

  MethodTable add(ApiMethod m) {
    if (methods.putIfAbsent(m.name(), m) != null) {
      throw new IllegalStateException("method declared twice: " + m.name());
    }
    return this;
  }

  MethodTable addAll(List<ApiMethod> ms) {
    ms.forEach(this::add);
    return this;
  }

  ApiMethod find(String name) {
    return methods.get(name);
  }

  List<String> names() {
    return List.copyOf(methods.keySet());
  }

  /** The full table the server answers. */
  static MethodTable standard(EventHub events) {
    MethodTable t = new MethodTable();
    t.addAll(SessionMethods.all(t));
    t.addAll(ClassGetters.all());
    t.addAll(PoolMethods.all());
    t.addAll(HostVmMethods.all());
    t.addAll(StorageMethods.all());
    t.addAll(TaskMethods.all());
    t.addAll(PowerMethods.all());
    t.addAll(EventMethods.all(events));
    t.addAll(AsyncMethods.of(t, PowerMethods.ASYNC));
    return t;
  }
}
