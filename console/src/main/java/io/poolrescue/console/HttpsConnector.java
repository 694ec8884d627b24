package io.poolrescue.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS on the console's port, from a PKCS#12 keystore: WebAuthn needs a secure context, and away
 * from localhost that means HTTPS under the DNS name the credentials' relying party names. Jetty
 * (Javalin's server) does the TLS; the keystore's password is read from a file, never an argument.
 */
final class HttpsConnector {
  private HttpsConnector() {}

  static void replaceWith(Server server, ConsoleSettings settings) {
    ConsoleSettings.TlsKeystore tls = settings.tls();
    String password;
    try {
      password = Files.readString(tls.passwordFile(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("the keystore password file " + tls.passwordFile() + " cannot be read", e);
    }
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(password);
    HttpConfiguration https = new HttpConfiguration();
    https.addCustomizer(new SecureRequestCustomizer());
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(https));
    connector.setHost(settings.bind());
    connector.setPort(settings.port());
    server.setConnectors(new org.eclipse.jetty.server.Connector[] {connector});
  }
}
