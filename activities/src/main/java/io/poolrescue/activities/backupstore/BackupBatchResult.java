package io.poolrescue.activities.backupstore;

import java.util.List;

/**
 * What one batch backup activity stored: counts, and the subjects that could not be backed up with
 * the reason (bounded, so the result stays small for thousands of VMs).
 *
 * @param call the XAPI handler used, e.g. {@code GET /export_metadata}
 * @param alreadyStored subjects whose backup of this round was already in the store (a retried round)
 */
public record BackupBatchResult(
    String call, int subjects, int stored, int alreadyStored, long bytes, List<String> failures) {

  public static final int MAX_FAILURES_LISTED = 20;
}
