package io.poolrescue.activities.pbd;

import java.util.Map;

/**
 * One (SR, host) pair's PBD: what the plan says to do, or what was done. Device configs are redacted.
 *
 * @param pbdUuid the PBD before the change (plan) or after it (result); null when there is none
 */
public record PbdRepair(
    String srUuid, String srName, String hostUuid, String pbdUuid, boolean attached,
    Map<String, String> currentConfig, Map<String, String> newConfig, Action action) {

  public enum Action {
    /** Plan: the PBD uses another device config; unplug if attached, destroy, create with the new one, plug. */
    RECREATE,
    /** Plan: no PBD on that host yet; create one with the new device config and plug it. */
    CREATE,
    /** Plan: the device config is right but the PBD is unplugged; plug it. */
    PLUG,
    /** Nothing to do (plan), or nothing was done because it was already right (result). */
    ALREADY_DONE,
    /** Result: the old PBD was replaced and the new one plugged. */
    RECREATED,
    /** Result: a PBD was created and plugged. */
    CREATED,
    /** Result: the PBD was plugged. */
    PLUGGED
  }

  public PbdRepair {
    currentConfig = currentConfig == null ? Map.of() : Map.copyOf(currentConfig);
    newConfig = newConfig == null ? Map.of() : Map.copyOf(newConfig);
  }

  /** The same PBD with another action: a retry reports what an earlier attempt began. */
  public PbdRepair as(Action other) {
    return new PbdRepair(srUuid, srName, hostUuid, pbdUuid, attached, currentConfig, newConfig, other);
  }

  public boolean needsWork() {
    return action == Action.RECREATE || action == Action.CREATE || action == Action.PLUG;
  }
}
