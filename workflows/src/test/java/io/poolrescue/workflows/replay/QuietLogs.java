package io.poolrescue.workflows.replay;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay tools run from Maven without a logging configuration, where Logback logs everything at
 * DEBUG to the console; that would drown their output and slow the replays they measure.
 */
final class QuietLogs {
  private QuietLogs() {}

  static void warningsOnly() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.WARN);
    }
  }
}
