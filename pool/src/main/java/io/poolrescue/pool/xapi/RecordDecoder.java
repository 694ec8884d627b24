package io.poolrescue.pool.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.PoolInfo;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns XAPI {@code get_record} objects (snake_case fields as XAPI names them) into the pool model.
 * Lenient where real pools differ: int64 as number or string, missing fields as defaults.
 */
public final class RecordDecoder {
  private RecordDecoder() {}

  public static PoolInfo pool(String ref, JsonNode r) {
    return new PoolInfo(ref, str(r, "uuid"), str(r, "name_label"), ref(r, "master"), ref(r, "default_SR"),
        bool(r, "ha_enabled"));
  }

  /** A host merged with its {@code host_metrics} record ({@code metrics} may be missing). */
  public static Host host(String ref, JsonNode r, JsonNode metrics) {
    boolean hasMetrics = metrics != null && metrics.isObject();
    Instant updated = hasMetrics ? datetime(metrics, "last_updated") : null;
    return new Host(ref, str(r, "uuid"), str(r, "name_label"), str(r, "address"), bool(r, "enabled"),
        hasMetrics && bool(metrics, "live"), updated,
        hasMetrics ? int64(metrics, "memory_total") : 0L, hasMetrics ? int64(metrics, "memory_free") : 0L,
        serial(r));
  }

  /** bios_strings["system-serial-number"], or null when the record has none. */
  private static String serial(JsonNode r) {
    JsonNode bios = r.get("bios_strings");
    JsonNode s = bios == null ? null : bios.get("system-serial-number");
    return s == null || !s.isTextual() ? null : s.asText();
  }

  public static Vm vm(String ref, JsonNode r) {
    return new Vm(ref, str(r, "uuid"), str(r, "name_label"), PowerState.fromXapi(str(r, "power_state")),
        ref(r, "resident_on"), int64(r, "memory_static_max"), str(r, "ha_restart_priority"), int64(r, "order"),
        int64(r, "version"), bool(r, "is_control_domain"), refs(r, "VBDs"));
  }

  public static Vbd vbd(String ref, JsonNode r) {
    return new Vbd(ref, str(r, "uuid"), ref(r, "VM"), ref(r, "VDI"), str(r, "mode"), bool(r, "currently_attached"));
  }

  public static Vdi vdi(String ref, JsonNode r) {
    return new Vdi(ref, str(r, "uuid"), str(r, "name_label"), ref(r, "SR"), str(r, "location"),
        bool(r, "sharable"), map(r, "sm_config"));
  }

  public static Sr sr(String ref, JsonNode r) {
    return new Sr(ref, str(r, "uuid"), str(r, "name_label"), str(r, "type"), bool(r, "shared"));
  }

  public static Pbd pbd(String ref, JsonNode r) {
    return new Pbd(ref, str(r, "uuid"), ref(r, "host"), ref(r, "SR"), map(r, "device_config"),
        bool(r, "currently_attached"));
  }

  public static Pif pif(String ref, JsonNode r) {
    return new Pif(ref, str(r, "uuid"), ref(r, "host"), str(r, "device"), str(r, "MAC"), bool(r, "physical"),
        bool(r, "management"));
  }

  static String str(JsonNode r, String field) {
    JsonNode n = r.get(field);
    return n == null || n.isNull() ? "" : n.asText();
  }

  static String ref(JsonNode r, String field) {
    JsonNode n = r.get(field);
    return n == null ? null : XapiRefs.orNull(n.asText());
  }

  static boolean bool(JsonNode r, String field) {
    JsonNode n = r.get(field);
    return n != null && (n.isBoolean() ? n.booleanValue() : "true".equalsIgnoreCase(n.asText()));
  }

  static long int64(JsonNode r, String field) {
    JsonNode n = r.get(field);
    if (n == null || n.isNull()) {
      return 0L;
    }
    return n.isNumber() ? n.longValue() : Long.parseLong(n.asText().trim());
  }

  /** A datetime; XAPI's "never" (the epoch) reads as null. */
  static Instant datetime(JsonNode r, String field) {
    JsonNode n = r.get(field);
    if (n == null || n.isNull() || n.asText().isEmpty()) {
      return null;
    }
    Instant t = XapiDateTime.parse(n.asText());
    return t.equals(XapiDateTime.NEVER) ? null : t;
  }

  static List<String> refs(JsonNode r, String field) {
    List<String> out = new ArrayList<>();
    JsonNode n = r.get(field);
    if (n != null) {
      n.forEach(e -> out.add(e.asText()));
    }
    return out;
  }

  static Map<String, String> map(JsonNode r, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode n = r.get(field);
    if (n != null && n.isObject()) {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
