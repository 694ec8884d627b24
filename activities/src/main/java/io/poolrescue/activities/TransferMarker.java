package io.poolrescue.activities;

import io.poolrescue.pool.UploadTask;
import io.poolrescue.pool.UploadWatcher;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link SentMarker} that also names the XAPI task tracking the upload it marks, written once the
 * task exists and before the upload goes out, and again when the upload's connection drops. A retry
 * reads the task ({@code PoolClient.uploadState}) and learns whether the host took the upload,
 * instead of trusting the bare marker: an upload dropped before the host read it, whose attempt died
 * while it waited for the task, is then sent again rather than taken as staged.
 *
 * <p>Kept in the heartbeat details like the bare marker, which it replaces; each reader finds only
 * its own kind ({@link Heartbeats#previous} is empty for the other), and a {@link SentMarker#withdraw}
 * clears both.
 *
 * @param sentAt when the attempt that sent the upload was scheduled, on the server's clock (ms)
 * @param dropped the upload's connection was seen to drop before a reply
 */
public record TransferMarker(long sentAt, String masterAddress, String task, boolean dropped) {

  /** Writes the marker as the upload goes; hand it to {@code PoolClient.hostRestore}. */
  public static final UploadWatcher WATCHER = new UploadWatcher() {
    @Override
    public void sending(UploadTask upload) {
      Heartbeats.beatNow(new TransferMarker(SentMarker.now(), upload.masterAddress(), upload.task(), false));
    }

    @Override
    public void dropped(UploadTask upload) {
      Heartbeats.beatNow(new TransferMarker(SentMarker.now(), upload.masterAddress(), upload.task(), true));
    }
  };

  /** What an earlier attempt left, if it got as far as creating the upload's task. */
  public static Optional<TransferMarker> earlier() {
    return Heartbeats.previous(TransferMarker.class).filter(m -> m.task() != null);
  }

  public UploadTask upload() {
    return new UploadTask(masterAddress, task);
  }

  public Instant sentAtInstant() {
    return Instant.ofEpochMilli(sentAt);
  }
}
