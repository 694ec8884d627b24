package io.poolrescue.console;

import picocli.CommandLine;

/** The console container's entry point: the same command as {@code poolrescue console}. */
public final class ConsoleMain {
  private ConsoleMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new ConsoleCommand()).execute(args));
  }
}
