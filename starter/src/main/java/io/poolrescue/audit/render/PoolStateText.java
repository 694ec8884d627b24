package io.poolrescue.audit.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool state in a few lines: a pool overview (master, HA, default SR, VM count, one line per host)
 * when the inspection returned one, the inspection's JSON otherwise.
 */
final class PoolStateText {
  private PoolStateText() {}

  static List<String> lines(JsonNode state) {
    if (state == null || !state.path("hosts").isArray() || !state.has("masterAddress")) {
      return List.of(JsonText.pretty(state).split("\n"));
    }
    List<String> out = new ArrayList<>();
    out.add("pool " + state.path("poolUuid").asText() + ": master " + state.path("masterAddress").asText()
        + ", HA " + (state.path("haEnabled").asBoolean() ? "on" : "off") + ", default SR "
        + state.path("defaultSrUuid").asText("-") + ", " + state.path("vmCount").asInt() + " VMs");
    for (JsonNode h : state.path("hosts")) {
      out.add(String.format("%-10s %-15s %-5s %-8s %s free %d MiB%s", h.path("nameLabel").asText(),
          h.path("address").asText(), h.path("live").asBoolean() ? "live" : "DEAD",
          h.path("enabled").asBoolean() ? "enabled" : "disabled", h.path("uuid").asText(),
          h.path("memoryFree").asLong() / (1024 * 1024), h.path("master").asBoolean() ? "  (master)" : ""));
    }
    return out;
  }
}
