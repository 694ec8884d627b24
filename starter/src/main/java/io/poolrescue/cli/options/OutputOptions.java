package io.poolrescue.cli.options;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --json}: machine-readable output on stdout instead of text for people. */
public class OutputOptions {
  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON for tooling instead of text")
  public boolean json;
}
