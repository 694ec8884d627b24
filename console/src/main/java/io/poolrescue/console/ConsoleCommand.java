package io.poolrescue.console;

import io.poolrescue.cli.TemporalSession;
import io.poolrescue.client.options.TemporalOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the operator console: open gates, runs, the pool, starts and decisions signed in the browser",
      "with WebAuthn (a security key or a platform authenticator). It keeps no state; Ctrl-C stops it.",
      "WebAuthn needs a secure context: http://localhost, or HTTPS under a DNS name (docs/console.md)."
    })
public class ConsoleCommand implements Callable<Integer> {
  public static final int DEFAULT_PORT = 7290;

  @Spec CommandSpec spec;
  @Mixin TemporalOptions temporal;

  @Option(names = "--bind", defaultValue = "${env:POOLRESCUE_CONSOLE_BIND:-127.0.0.1}", paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; env POOLRESCUE_CONSOLE_BIND)")
  String bind;

  @Option(names = "--port", defaultValue = "${env:POOLRESCUE_CONSOLE_PORT:-" + DEFAULT_PORT + "}",
      description = "Port (default: ${DEFAULT-VALUE}; env POOLRESCUE_CONSOLE_PORT)")
  int port;

  @Option(names = "--credentials", paramLabel = "FILE", defaultValue = "${env:POOLRESCUE_CONSOLE_CREDENTIALS}",
      description = "The worker's WebAuthn credentials file (its policy's signatures.webauthnCredentials); "
          + "without it the console is read-only (env POOLRESCUE_CONSOLE_CREDENTIALS)")
  Path credentials;

  @Option(names = "--dev-admin", paramLabel = "URL", description = "The dev stack's admin endpoint, for the pool page")
  URI devAdmin;

  @Option(names = "--tls-keystore", paramLabel = "FILE", defaultValue = "${env:POOLRESCUE_CONSOLE_KEYSTORE}",
      description = "Serve HTTPS with this PKCS#12 keystore (certificate for the console's DNS name and its key; "
          + "env POOLRESCUE_CONSOLE_KEYSTORE)")
  Path tlsKeystore;

  @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
      defaultValue = "${env:POOLRESCUE_CONSOLE_KEYSTORE_PASSWORD_FILE}",
      description = "The file holding the keystore's password (env POOLRESCUE_CONSOLE_KEYSTORE_PASSWORD_FILE)")
  Path tlsKeystorePassword;

  @Override
  public Integer call() throws InterruptedException {
    if ((tlsKeystore == null) != (tlsKeystorePassword == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--tls-keystore and --tls-keystore-password-file go together");
    }
    ConsoleSettings settings = new ConsoleSettings(bind, port, credentials, devAdmin,
        tlsKeystore == null ? null : new ConsoleSettings.TlsKeystore(tlsKeystore, tlsKeystorePassword));
    settings.credentials(); // a bad file is an error now, not at the first page
    try (TemporalSession session = TemporalSession.open(temporal, "console");
        ConsoleServer server = ConsoleServer.start(settings, session)) {
      spec.commandLine().getOut().println("poolrescue console on " + (tlsKeystore == null ? "http" : "https") + "://"
          + (bind.equals("127.0.0.1") ? "localhost" : bind) + ":" + server.port() + "/  (Ctrl-C stops it)");
      spec.commandLine().getOut().flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
