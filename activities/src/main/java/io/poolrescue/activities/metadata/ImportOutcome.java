package io.poolrescue.activities.metadata;

import java.util.List;

/** What importing one metadata export did. */
public record ImportOutcome(
    String backupId, String vmUuid, Action action, List<String> createdVmUuids, String code, String detail) {

  public enum Action {
    /** {@code PUT /import_metadata} created the VM. */
    IMPORTED,
    /** Imported with {@code force=true}; {@code detail} says what was skipped or replaced. */
    FORCED,
    /** The pool already had the VM at the exported version; nothing was sent. */
    ALREADY_PRESENT,
    /** Force would skip this VM (it exists and is not Halted), so nothing was sent. */
    SKIPPED,
    /** Refused; {@code code} is XAPI's. */
    FAILED
  }

  public ImportOutcome {
    createdVmUuids = createdVmUuids == null ? List.of() : List.copyOf(createdVmUuids);
  }

  public boolean changedPool() {
    return action == Action.IMPORTED || action == Action.FORCED;
  }
}
