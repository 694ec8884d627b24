package io.poolrescue.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The replay regression suite's recorded runs (kept in the workflows module), as the audit reads them. */
final class RecordedHistories {
  static final Path DIR = Path.of("..", "workflows", "src", "test", "resources", "histories");

  private RecordedHistories() {}

  static List<Path> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".journal.json"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path history(String name) {
    return DIR.resolve(name + ".json");
  }

  /** The simulated pool's journal of that run: [{seq, at, call, via, args, outcome}, ...]. */
  static JsonNode journal(String name) {
    try {
      return new ObjectMapper().readTree(DIR.resolve(name + ".journal.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
