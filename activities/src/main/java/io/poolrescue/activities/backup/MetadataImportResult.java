package io.poolrescue.activities.backup;

import java.util.List;

/** What a metadata import did; {@code vmUuids} are the VMs created (or that would be, for a dry run). */
public record MetadataImportResult(String backupId, Action action, List<String> vmUuids, String detail) {

  public MetadataImportResult {
    vmUuids = List.copyOf(vmUuids);
  }

  public enum Action {
    IMPORTED,
    DRY_RUN_OK,
    /** A VM with the export's uuid already exists; nothing imported. */
    ALREADY_PRESENT
  }
}
