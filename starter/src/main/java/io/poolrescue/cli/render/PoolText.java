package io.poolrescue.cli.render;

import io.poolrescue.client.admin.PoolSummary;
import java.util.ArrayList;
import java.util.List;

/** {@code poolrescue pool show}: hosts (database verdict next to what answers at the address), VMs, health. */
public final class PoolText {
  private PoolText() {}

  public static List<String> render(PoolSummary p) {
    List<String> out = new ArrayList<>();
    out.add("Pool " + (p.poolName() == null ? "(no master answers)" : p.poolName()) + "  master " + p.masterAddress()
        + (p.masterAnswers() ? "" : " (not answering)") + "  HA " + (p.haEnabled() ? "on" : "off")
        + "  default SR " + (p.defaultSr() == null ? "-" : p.defaultSr()));
    out.add(String.format("  %-10s %-12s %-10s %-6s %-28s %8s %4s", "HOST", "ADDRESS", "ROLE", "LIVE", "MACHINE", "FREE MiB", "VMS"));
    for (PoolSummary.HostLine h : p.hosts()) {
      out.add(String.format("  %-10s %-12s %-10s %-6s %-28s %8d %4d", h.name(), h.address(), h.role(),
          h.live() == null ? "?" : h.live() ? "yes" : "NO", h.machine(), h.memoryFreeMiB(), h.residentVms()));
    }
    out.add(String.format("  %-8s %-10s %-10s %-10s %-12s", "VM", "POWER", "RESIDENT", "REALLY ON", "HA"));
    for (PoolSummary.VmLine v : p.vms()) {
      out.add(String.format("  %-8s %-10s %-10s %-10s %-12s", v.name(), v.powerState(),
          v.residentOn() == null ? "-" : v.residentOn(), v.runningOn() == null ? "-" : v.runningOn(),
          v.haPriority() == null || v.haPriority().isEmpty() ? "-" : v.haPriority()));
    }
    p.integrityViolations().forEach(v -> out.add("  INTEGRITY VIOLATION: " + v));
    long running = p.vms().stream().filter(v -> "Running".equals(v.powerState())).count();
    out.add(p.healthy()
        ? "  healthy: every host in the pool is live, " + running + " VMs running where the database says, no integrity violation"
        : "  NOT healthy");
    return out;
  }
}
