package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.PoolInfo;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.pool.xapi.XapiDateTime;
import io.poolrescue.pool.xapi.XapiRefs;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The pool model as XAPI's {@code get_record} shapes it: XAPI's field names, int64 as JSON
 * numbers, enums as their XAPI spelling, refs as strings with {@code OpaqueRef:NULL} for none, maps
 * as objects. Only the fields the model knows are sent, plus the constant ones clients commonly
 * read ({@code name_description}, {@code other_config}, {@code is_a_template}, API version).
 * {@link #FIELDS} lists them per class and drives the generic field getters.
 */
final class RecordEncoder {
  /** XAPI 2.16 (Citrix Hypervisor 8.2): what {@code host.get_API_version_*} reports. */
  static final long API_MAJOR = 2;
  static final long API_MINOR = 16;

  static final Map<String, List<String>> FIELDS = Map.of(
      "pool", List.of("uuid", "name_label", "name_description", "master", "default_SR", "ha_enabled",
          "ha_configuration", "other_config"),
      "host", List.of("uuid", "name_label", "name_description", "address", "hostname", "enabled", "metrics",
          "bios_strings", "resident_VMs", "PBDs", "PIFs", "API_version_major", "API_version_minor", "API_version_vendor",
          "other_config"),
      "host_metrics", List.of("uuid", "live", "last_updated", "memory_total", "memory_free", "other_config"),
      "VM", List.of("uuid", "name_label", "name_description", "power_state", "resident_on", "memory_static_max",
          "memory_dynamic_max", "memory_dynamic_min", "memory_static_min", "ha_restart_priority", "order",
          "version", "is_control_domain", "is_a_template", "is_a_snapshot", "VBDs", "other_config"),
      "VBD", List.of("uuid", "VM", "VDI", "mode", "type", "empty", "currently_attached", "other_config"),
      "VDI", List.of("uuid", "name_label", "name_description", "SR", "location", "sharable", "sm_config", "VBDs",
          "other_config"),
      "SR", List.of("uuid", "name_label", "name_description", "type", "shared", "PBDs", "VDIs", "other_config"),
      "PBD", List.of("uuid", "host", "SR", "device_config", "currently_attached", "other_config"),
      "PIF", List.of("uuid", "host", "device", "MAC", "physical", "management", "other_config"));

  private final ObjectMapper json;

  RecordEncoder(ObjectMapper json) {
    this.json = json;
  }

  /** JSON text of a value, for replies cached whole. */
  String text(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  ObjectNode pool(PoolInfo p) {
    ObjectNode r = named(p.uuid(), p.nameLabel());
    r.put("master", XapiRefs.wire(p.masterRef()));
    r.put("default_SR", XapiRefs.wire(p.defaultSrRef()));
    r.put("ha_enabled", p.haEnabled());
    r.putObject("ha_configuration");
    r.putObject("other_config");
    return r;
  }

  ObjectNode host(Host h, String metricsRef, PoolSnapshot s) {
    ObjectNode r = named(h.uuid(), h.nameLabel());
    r.put("address", h.address());
    r.put("hostname", h.nameLabel());
    r.put("enabled", h.enabled());
    r.put("metrics", metricsRef);
    ObjectNode bios = r.putObject("bios_strings");
    if (h.serial() != null) {
      bios.put("system-serial-number", h.serial());
    }
    refs(r, "resident_VMs", s.residentVms(h.ref()).stream().map(Vm::ref).toList());
    refs(r, "PBDs", s.pbdsOfHost(h.ref()).stream().map(Pbd::ref).toList());
    refs(r, "PIFs", s.pifsOf(h.ref()).stream().map(Pif::ref).toList());
    r.put("API_version_major", API_MAJOR);
    r.put("API_version_minor", API_MINOR);
    r.put("API_version_vendor", "XenSource");
    r.putObject("other_config");
    return r;
  }

  ObjectNode hostMetrics(Host h, String metricsUuid) {
    ObjectNode r = json.createObjectNode();
    r.put("uuid", metricsUuid);
    r.put("live", h.live());
    r.put("last_updated", XapiDateTime.format(h.lastHeartbeat()));
    r.put("memory_total", h.memoryTotal());
    r.put("memory_free", h.memoryFree());
    r.putObject("other_config");
    return r;
  }

  ObjectNode vm(Vm v) {
    ObjectNode r = named(v.uuid(), v.nameLabel());
    r.put("power_state", v.powerState().xapiName());
    r.put("resident_on", XapiRefs.wire(v.residentOn()));
    r.put("memory_static_max", v.memory());
    r.put("memory_dynamic_max", v.memory());
    r.put("memory_dynamic_min", v.memory());
    r.put("memory_static_min", v.memory());
    r.put("ha_restart_priority", v.haRestartPriority());
    r.put("order", v.order());
    r.put("version", v.version());
    r.put("is_control_domain", v.controlDomain());
    r.put("is_a_template", false);
    r.put("is_a_snapshot", false);
    refs(r, "VBDs", v.vbdRefs());
    r.putObject("other_config");
    return r;
  }

  ObjectNode vbd(Vbd b) {
    ObjectNode r = json.createObjectNode();
    r.put("uuid", b.uuid());
    r.put("VM", XapiRefs.wire(b.vmRef()));
    r.put("VDI", XapiRefs.wire(b.vdiRef()));
    r.put("mode", b.mode());
    r.put("type", b.vdiRef() == null ? "CD" : "Disk");
    r.put("empty", b.vdiRef() == null);
    r.put("currently_attached", b.currentlyAttached());
    r.putObject("other_config");
    return r;
  }

  ObjectNode vdi(Vdi d, Collection<String> vbdRefs) {
    ObjectNode r = named(d.uuid(), d.nameLabel());
    r.put("SR", XapiRefs.wire(d.srRef()));
    r.put("location", d.location());
    r.put("sharable", d.sharable());
    map(r, "sm_config", d.smConfig());
    refs(r, "VBDs", vbdRefs);
    r.putObject("other_config");
    return r;
  }

  ObjectNode sr(Sr sr, PoolSnapshot s) {
    ObjectNode r = named(sr.uuid(), sr.nameLabel());
    r.put("type", sr.type());
    r.put("shared", sr.shared());
    refs(r, "PBDs", s.pbdsOfSr(sr.ref()).stream().map(Pbd::ref).toList());
    refs(r, "VDIs", s.vdisOf(sr.ref()).stream().map(Vdi::ref).toList());
    r.putObject("other_config");
    return r;
  }

  ObjectNode pbd(Pbd p) {
    ObjectNode r = json.createObjectNode();
    r.put("uuid", p.uuid());
    r.put("host", XapiRefs.wire(p.hostRef()));
    r.put("SR", XapiRefs.wire(p.srRef()));
    map(r, "device_config", p.deviceConfig());
    r.put("currently_attached", p.currentlyAttached());
    r.putObject("other_config");
    return r;
  }

  ObjectNode pif(Pif p) {
    ObjectNode r = json.createObjectNode();
    r.put("uuid", p.uuid());
    r.put("host", XapiRefs.wire(p.hostRef()));
    r.put("device", p.device());
    r.put("MAC", p.mac());
    r.put("physical", p.physical());
    r.put("management", p.management());
    r.putObject("other_config");
    return r;
  }

  private ObjectNode named(String uuid, String label) {
    ObjectNode r = json.createObjectNode();
    r.put("uuid", uuid);
    r.put("name_label", label);
    r.put("name_description", "");
    return r;
  }

  private static void refs(ObjectNode r, String field, Collection<String> refs) {
    ArrayNode a = r.putArray(field);
    refs.forEach(a::add);
  }

  private static void map(ObjectNode r, String field, Map<String, String> map) {
    ObjectNode o = r.putObject(field);
    map.forEach(o::put);
  }
}
