package io.poolrescue.activities.storage;

/** What a PBD operation did. */
public record PbdResult(String hostUuid, String srUuid, String pbdUuid, Action action, String detail) {

  public enum Action {
    CREATED,
    ALREADY_EXISTS,
    DESTROYED,
    ALREADY_GONE,
    PLUGGED,
    ALREADY_PLUGGED,
    UNPLUGGED,
    ALREADY_UNPLUGGED
  }

  public boolean changedPool() {
    return switch (action) {
      case CREATED, DESTROYED, PLUGGED, UNPLUGGED -> true;
      default -> false;
    };
  }
}
