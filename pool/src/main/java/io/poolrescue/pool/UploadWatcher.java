package io.poolrescue.pool;

/**
 * Told how an upload to a host's HTTP handler goes, so that a caller can leave a trace for a later
 * attempt (which reads it back through {@link PoolClient#uploadState}).
 */
public interface UploadWatcher {
  /** The upload's task exists and the upload is about to go out. */
  void sending(UploadTask upload);

  /** The upload's connection dropped before a reply; the client now reads its task to learn more. */
  void dropped(UploadTask upload);

  UploadWatcher NONE = new UploadWatcher() {
    @Override
    public void sending(UploadTask upload) {}

    @Override
    public void dropped(UploadTask upload) {}
  };
}
