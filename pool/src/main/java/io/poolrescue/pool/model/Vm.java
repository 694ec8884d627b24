package io.poolrescue.pool.model;

import java.util.List;

/**
 * A VM record. {@code residentOn} is a host ref or null. {@code haRestartPriority} is XAPI's string
 * ({@code "restart"}, {@code "best-effort"} or {@code ""}); {@code order} is the HA start order
 * (lower starts first). {@code version} is the metadata version compared by metadata import.
 */
public record Vm(
    String ref,
    String uuid,
    String nameLabel,
    PowerState powerState,
    String residentOn,
    long memory,
    String haRestartPriority,
    long order,
    long version,
    boolean controlDomain,
    List<String> vbdRefs) {

  public Vm {
    vbdRefs = List.copyOf(vbdRefs);
  }

  /** True for VMs HA would restart ({@code restart}), used to order restarts. */
  public boolean haProtected() {
    return "restart".equals(haRestartPriority);
  }
}
