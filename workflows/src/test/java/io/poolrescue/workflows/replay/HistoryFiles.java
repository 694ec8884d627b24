package io.poolrescue.workflows.replay;

import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded histories: {@code <workflow id>.json} (the history as {@code history export} writes it)
 * and, for each top-level run, {@code <workflow id>.journal.json} (what the simulated pool's operation
 * journal recorded during the run).
 */
public final class HistoryFiles {
  public static final String JOURNAL_SUFFIX = ".journal.json";

  private HistoryFiles() {}

  /** The directory in the source tree, whether Maven runs in the project root or in the module. */
  public static Path sourceDirectory() {
    String configured = System.getProperty("histories.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path candidate : List.of(Path.of("workflows/src/test/resources/histories"),
        Path.of("src/test/resources/histories"), Path.of("../workflows/src/test/resources/histories"))) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find workflows/src/test/resources/histories from " + Path.of("").toAbsolutePath());
  }

  /** Every history file (journals excluded), sorted by name. */
  public static List<Path> histories(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(p -> !p.getFileName().toString().endsWith(JOURNAL_SUFFIX))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file of a workflow id: child ids such as {@code parent/forget-old-master} have a slash, so it is %-encoded. */
  public static String fileName(String workflowId) {
    return java.net.URLEncoder.encode(workflowId, StandardCharsets.UTF_8) + ".json";
  }

  public static String workflowIdOf(Path file) {
    String name = file.getFileName().toString();
    return java.net.URLDecoder.decode(name.substring(0, name.length() - ".json".length()), StandardCharsets.UTF_8);
  }

  /** A recorded history; its workflow id (which an exported file does not carry) comes from its file name. */
  public static WorkflowExecutionHistory read(Path file) {
    try {
      return WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8), workflowIdOf(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path journalOf(Path history) {
    String name = history.getFileName().toString();
    return history.resolveSibling(name.substring(0, name.length() - ".json".length()) + JOURNAL_SUFFIX);
  }
}
