package io.poolrescue.simulator;

import io.poolrescue.pool.PoolDatabaseDump;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.PoolInfo;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rebuilds a pool database from a parsed dump (the inverse of {@link DumpWriter}). */
final class DumpReader {
  private DumpReader() {}

  static Db toDb(PoolDatabaseDump d) {
    Map<String, String> pool = d.table("pool").get(0);
    Map<String, String> secret = d.table("secret").isEmpty() ? Map.of() : d.table("secret").get(0);
    Db db = new Db(new PoolInfo(pool.get("ref"), pool.get("uuid"), pool.getOrDefault("name__label", ""),
        pool.get("master"), ref(pool.get("default_SR")), "true".equals(pool.get("ha_enabled"))),
        secret.getOrDefault("value", ""));
    Map<String, Map<String, String>> metrics = new HashMap<>();
    for (Map<String, String> m : d.table("host_metrics")) {
      metrics.put(m.get("ref"), m);
    }
    for (Map<String, String> h : d.table("host")) {
      Map<String, String> m = metrics.getOrDefault(h.get("metrics"), Map.of());
      db.hosts.put(new HostRow(h.get("ref"), h.get("uuid"), h.getOrDefault("name__label", ""), h.get("address"),
          !"false".equals(h.get("enabled")), num(m.get("memory__total")), h.get("metrics"),
          m.getOrDefault("uuid", h.get("uuid") + "-metrics"),
          PoolDatabaseDump.sexprMap(h.getOrDefault("bios_strings", "()")).get("system-serial-number")));
    }
    Map<String, List<String>> vbdsByVm = new HashMap<>();
    for (Map<String, String> b : d.table("VBD")) {
      db.vbds.put(new Vbd(b.get("ref"), b.get("uuid"), b.get("VM"), ref(b.get("VDI")), b.getOrDefault("mode", "RW"),
          "true".equals(b.get("currently_attached"))));
      vbdsByVm.computeIfAbsent(b.get("VM"), k -> new ArrayList<>()).add(b.get("ref"));
    }
    for (Map<String, String> v : d.table("VM")) {
      db.vms.put(new Vm(v.get("ref"), v.get("uuid"), v.getOrDefault("name__label", ""),
          PowerState.fromXapi(v.getOrDefault("power_state", "Halted")), ref(v.get("resident_on")),
          num(v.get("memory__static_max")), v.getOrDefault("ha_restart_priority", ""), num(v.get("order")),
          num(v.get("version")), "true".equals(v.get("is_control_domain")),
          vbdsByVm.getOrDefault(v.get("ref"), List.of())));
    }
    for (Map<String, String> v : d.table("VDI")) {
      db.vdis.put(new Vdi(v.get("ref"), v.get("uuid"), v.getOrDefault("name__label", ""), v.get("SR"),
          v.getOrDefault("location", ""), "true".equals(v.get("sharable")),
          PoolDatabaseDump.sexprMap(v.get("sm_config"))));
    }
    for (Map<String, String> s : d.table("SR")) {
      db.srs.put(new Sr(s.get("ref"), s.get("uuid"), s.getOrDefault("name__label", ""), s.getOrDefault("type", ""),
          "true".equals(s.get("shared"))));
    }
    for (Map<String, String> p : d.table("PBD")) {
      db.pbds.put(new Pbd(p.get("ref"), p.get("uuid"), p.get("host"), p.get("SR"),
          PoolDatabaseDump.sexprMap(p.get("device_config")), "true".equals(p.get("currently_attached"))));
    }
    for (Map<String, String> f : d.table("PIF")) {
      db.pifs.put(new Pif(f.get("ref"), f.get("uuid"), f.get("host"), f.get("device"), f.getOrDefault("MAC", ""),
          "true".equals(f.get("physical")), "true".equals(f.get("management"))));
    }
    return db;
  }

  private static String ref(String r) {
    return r == null || r.isEmpty() || r.equals("OpaqueRef:NULL") ? null : r;
  }

  private static long num(String s) {
    if (s == null || s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new PoolDatabaseDump.CorruptDumpException("not a number: " + s, e);
    }
  }
}
