package io.poolrescue.simulator;

import io.poolrescue.pool.PoolDatabaseDump;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a pool database in XAPI's XML dump format: a manifest and one table per class. */
final class DumpWriter {
  private final StringBuilder out = new StringBuilder(1 << 16);

  private DumpWriter() {}

  static byte[] dump(PoolState p, Site site, Instant now) {
    DumpWriter w = new DumpWriter();
    Db db = p.db;
    w.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<database>\n<manifest>");
    w.pair("schema_major_vsn", PoolDatabaseDump.SCHEMA_MAJOR);
    w.pair("schema_minor_vsn", PoolDatabaseDump.SCHEMA_MINOR);
    w.pair("generation_count", p.version);
    w.out.append("</manifest>\n");

    w.open("pool");
    w.row(Map.of("ref", db.pool.ref(), "uuid", db.pool.uuid(), "name__label", db.pool.nameLabel(),
        "master", db.pool.masterRef(), "default_SR", nullRef(db.pool.defaultSrRef()),
        "ha_enabled", Boolean.toString(db.pool.haEnabled())));
    w.close();

    w.open("host");
    for (HostRow h : db.hosts.all()) {
      w.row(Map.of("ref", h.ref(), "uuid", h.uuid(), "name__label", h.nameLabel(), "address", h.address(),
          "enabled", Boolean.toString(h.enabled()), "metrics", h.metricsRef(),
          "bios_strings", PoolDatabaseDump.sexpr(h.biosStrings())));
    }
    w.close();

    w.open("host_metrics");
    for (HostRow h : db.hosts.all()) {
      boolean live = Liveness.live(p, h.ref(), now, site.timings);
      Instant hb = SnapshotBuilder.lastHeartbeat(site, p, h, now);
      w.row(Map.of("ref", h.metricsRef(), "uuid", h.metricsUuid(), "memory__total", Long.toString(h.memoryTotal()),
          "memory__free", Long.toString(h.memoryTotal() - db.memoryUsed(h.ref())), "live", Boolean.toString(live),
          "last_updated", hb == null ? "" : hb.toString()));
    }
    w.close();

    w.open("VM");
    for (Vm v : db.vms.all()) {
      Map<String, String> r = new LinkedHashMap<>();
      r.put("ref", v.ref());
      r.put("uuid", v.uuid());
      r.put("name__label", v.nameLabel());
      r.put("power_state", v.powerState().xapiName());
      r.put("resident_on", nullRef(v.residentOn()));
      r.put("memory__static_max", Long.toString(v.memory()));
      r.put("ha_restart_priority", v.haRestartPriority());
      r.put("order", Long.toString(v.order()));
      r.put("version", Long.toString(v.version()));
      r.put("is_control_domain", Boolean.toString(v.controlDomain()));
      w.row(r);
    }
    w.close();

    w.open("VBD");
    for (Vbd b : db.vbds.all()) {
      w.row(Map.of("ref", b.ref(), "uuid", b.uuid(), "VM", b.vmRef(), "VDI", nullRef(b.vdiRef()), "mode", b.mode(),
          "currently_attached", Boolean.toString(b.currentlyAttached())));
    }
    w.close();

    w.open("VDI");
    for (Vdi d : db.vdis.all()) {
      w.row(Map.of("ref", d.ref(), "uuid", d.uuid(), "name__label", d.nameLabel(), "SR", d.srRef(),
          "location", d.location(), "sharable", Boolean.toString(d.sharable()),
          "sm_config", PoolDatabaseDump.sexpr(d.smConfig())));
    }
    w.close();

    w.open("SR");
    for (Sr s : db.srs.all()) {
      w.row(Map.of("ref", s.ref(), "uuid", s.uuid(), "name__label", s.nameLabel(), "type", s.type(),
          "shared", Boolean.toString(s.shared())));
    }
    w.close();

    w.open("PBD");
    for (Pbd b : db.pbds.all()) {
      w.row(Map.of("ref", b.ref(), "uuid", b.uuid(), "host", b.hostRef(), "SR", b.srRef(),
          "device_config", PoolDatabaseDump.sexpr(b.deviceConfig()),
          "currently_attached", Boolean.toString(b.currentlyAttached())));
    }
    w.close();

    w.open("PIF");
    for (Pif f : db.pifs.all()) {
      w.row(Map.of("ref", f.ref(), "uuid", f.uuid(), "host", f.hostRef(), "device", f.device(), "MAC", f.mac(),
          "physical", Boolean.toString(f.physical()), "management", Boolean.toString(f.management())));
    }
    w.close();

    // the pool secret travels with the dump: that is why dumps must be stored encrypted
    w.open("secret");
    w.row(Map.of("ref", "OpaqueRef:pool-secret", "uuid", db.pool.uuid() + "-secret", "value", db.secret));
    w.close();

    w.out.append("</database>\n");
    return w.out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String nullRef(String ref) {
    return ref == null ? "OpaqueRef:NULL" : ref;
  }

  private void pair(String key, Object value) {
    out.append("<pair key=\"").append(key).append("\" value=\"").append(value).append("\"/>");
  }

  private void open(String table) {
    out.append("<table name=\"").append(table).append("\">");
  }

  private void close() {
    out.append("</table>\n");
  }

  private void row(Map<String, String> attrs) {
    out.append("<row");
    Map<String, String> ordered = new LinkedHashMap<>();
    ordered.put("ref", attrs.get("ref"));
    ordered.put("uuid", attrs.get("uuid"));
    ordered.putAll(attrs);
    ordered.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
    out.append("/>");
  }

  private static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\n' -> sb.append("&#10;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
