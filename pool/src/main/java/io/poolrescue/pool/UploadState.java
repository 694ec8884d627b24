package io.poolrescue.pool;

/** What the task of an earlier upload ({@link UploadTask}) says about it. */
public enum UploadState {
  /** The task succeeded: the host read and applied the upload. */
  TAKEN,
  /** The task failed or was cancelled: the host refused the upload or broke off reading it. */
  FAILED,
  /** The task stayed pending for longer than the host could have been taking the upload: it never took it. */
  PENDING,
  /** The task is gone, lives on another master, or this client cannot read tasks: nothing is known. */
  UNKNOWN
}
