package io.poolrescue.activities.backup;

import io.poolrescue.pool.model.BackupArtefact;
import java.time.Instant;

/**
 * A backup as the store lists it: everything but the content, so it can travel through Temporal.
 *
 * @param sha256 checksum of the plain content, verified on every read
 * @param encrypted stored encrypted at rest (always true for pool database dumps in a file store)
 */
public record StoredBackup(
    String id, BackupArtefact.Kind kind, String subjectUuid, Instant takenAt, String sha256, long size,
    boolean encrypted) {}
