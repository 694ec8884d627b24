package io.poolrescue.activities.backupstore;

import io.poolrescue.pool.model.BackupArtefact.Kind;
import java.util.List;

/** What a retention pass deleted: the count and, bounded, the ids. */
public record RetentionResult(Kind kind, int keep, int deleted, List<String> deletedIds) {
  public static final int MAX_IDS_LISTED = 20;
}
