package io.poolrescue.pool;

/**
 * The XAPI task that tracks one upload to a host's HTTP handler, as {@link PoolClient#hostRestore(byte[], UploadWatcher)}
 * hands it over before the upload goes out: a later attempt reads it
 * ({@link PoolClient#uploadState}) to learn whether the host took the upload.
 *
 * @param masterAddress the master whose database holds the task (a task ref means nothing elsewhere)
 * @param task the task's ref
 */
public record UploadTask(String masterAddress, String task) {}
