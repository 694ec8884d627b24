package io.poolrescue.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/** The CLI logs to a file; {@code dev} also shows the log on stderr (with the workflow id in each line). */
public final class LogSetup {
  private LogSetup() {}

  public static void alsoToStderr() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%X{WorkflowId:--}] %logger{24} - %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("stderr");
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
  }

  /** Where the CLI's log file is (see logback-cli.xml). */
  public static String logFile() {
    String configured = System.getProperty("poolrescue.log");
    return configured != null ? configured : System.getProperty("java.io.tmpdir") + "/poolrescue-cli.log";
  }
}
