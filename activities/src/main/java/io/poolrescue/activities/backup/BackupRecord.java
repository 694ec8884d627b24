package io.poolrescue.activities.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import java.time.Instant;

/**
 * What the store knows about one backup, written next to it when it is stored: small enough to pass
 * through Temporal, unlike the backup itself.
 *
 * @param id the store's name for the backup, e.g. {@code pool-database.<pool uuid>.20260101T000000000Z}
 * @param sha256 hex SHA-256 of the backup's content (the plaintext), recorded at write time
 * @param size content length in bytes
 * @param keyId the key the content is encrypted with at rest, or null when stored in the clear
 */
public record BackupRecord(
    String id, Kind kind, String subjectUuid, Instant takenAt, String sha256, long size, String keyId) {

  @JsonIgnore
  public boolean encrypted() {
    return keyId != null;
  }
}
