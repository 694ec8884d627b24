package io.poolrescue.audit;

import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Loads every history (journals excluded) of a directory. */
final class RecordedHistoriesIn {
  private RecordedHistoriesIn() {}

  static List<WorkflowExecutionHistory> dir(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".journal.json"))
          .sorted().map(HistoryLoader::fromFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
