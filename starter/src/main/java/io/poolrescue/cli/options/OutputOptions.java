package io.poolrescue.cli.options;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output on stdout instead of text for people. */
public class OutputOptions {
  @Option(names = "--json", description = "Print JSON for tooling instead of text")
  public boolean json;
}
