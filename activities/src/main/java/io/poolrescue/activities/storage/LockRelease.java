package io.poolrescue.activities.storage;

import java.util.List;

/** What releasing a dead host's VDI locks on one SR did. */
public record LockRelease(String hostUuid, String srUuid, boolean srMaster, Action action, List<String> vdiUuids) {

  public LockRelease {
    vdiUuids = List.copyOf(vdiUuids);
  }

  public enum Action {
    /** resetvdis ran and cleared the locks of these VDIs. */
    RELEASED,
    /** The host holds no lock on that SR (and no {@code paused} flag to clear). */
    NONE_HELD,
    /** The host was already forgotten: SM clears keys of destroyed hosts by itself. */
    HOST_GONE
  }
}
