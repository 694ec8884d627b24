package io.poolrescue.cli.options;

import java.net.URI;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Where the dev stack's admin endpoint is (simulated pool: summary, faults, journal). */
public class AdminOptions {
  public static final String DEV_ADMIN = "http://127.0.0.1:7280";

  @Option(
      names = "--admin",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = "${env:POOLRESCUE_ADMIN:-" + DEV_ADMIN + "}",
      description = "Dev stack admin endpoint (default: ${DEFAULT-VALUE}; env POOLRESCUE_ADMIN)")
  String admin;

  public URI uri() {
    return URI.create(admin.endsWith("/") ? admin.substring(0, admin.length() - 1) : admin);
  }
}
