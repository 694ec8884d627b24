package io.poolrescue.activities.ha;

import java.util.List;

/** What an HA change did. */
public record HaResult(Action action, List<String> heartbeatSrUuids, String detail) {

  public HaResult {
    heartbeatSrUuids = heartbeatSrUuids == null ? List.of() : List.copyOf(heartbeatSrUuids);
  }

  public enum Action {
    DISABLED,
    ALREADY_DISABLED,
    ENABLED,
    ALREADY_ENABLED
  }
}
