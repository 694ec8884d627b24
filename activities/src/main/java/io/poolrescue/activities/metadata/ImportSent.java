package io.poolrescue.activities.metadata;

/**
 * "This attempt is sending the real import of that export", in the attempt's heartbeat details:
 * when the answer is lost after the pool imported, the retry finds the VM at the exported version
 * and, from this, reports the import as done by the earlier attempt rather than as already present.
 */
public record ImportSent(String backupId, boolean force) {}
