package io.poolrescue.cli.audit;

import io.poolrescue.audit.EncryptionCheck;
import io.poolrescue.audit.HistoryLoader;
import java.nio.file.Path;

/** The key id a recorded history was sealed with, as the audit sees it. */
final class EncryptionCheckIds {
  private EncryptionCheckIds() {}

  static String of(Path history) {
    return String.join(", ", EncryptionCheck.keyIds(HistoryLoader.fromFile(history)));
  }
}
