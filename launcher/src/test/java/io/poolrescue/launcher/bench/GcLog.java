package io.poolrescue.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's unified GC log ({@code -Xlog:gc:file=...}): the heap in use just before each collection,
 * e.g. {@code Pause Young (Allocation Failure) 45M->12M(123M)}. The largest of these is the peak heap
 * the process reached between collections.
 */
final class GcLog {
  private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private GcLog() {}

  /** The largest heap in use before a collection, in MiB; empty when no collection was logged. */
  static OptionalLong peakMiB(Path log) throws IOException {
    long peak = -1;
    for (String line : Files.readAllLines(log)) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        peak = Math.max(peak, Long.parseLong(m.group(1)));
      }
    }
    return peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak);
  }
}
