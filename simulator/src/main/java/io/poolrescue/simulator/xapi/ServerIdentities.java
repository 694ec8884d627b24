package io.poolrescue.simulator.xapi;

import io.poolrescue.simulator.tls.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * The certificate each simulated host presents: its own generated one (as every XenServer host has
 * its own self-signed certificate), or one identity from a keystore shared by every address. The
 * same identity answers {@code host.get_server_certificate}, also when the server speaks plain HTTP.
 */
final class ServerIdentities {
  private final TlsIdentity shared;
  private final Map<String, TlsIdentity> perHost = new ConcurrentHashMap<>();
  private final Map<String, SSLContext> contexts = new ConcurrentHashMap<>();

  private ServerIdentities(TlsIdentity shared) {
    this.shared = shared;
  }

  static ServerIdentities of(XapiServerOptions.Tls tls) {
    return new ServerIdentities(tls == null || tls.keystore() == null ? null : load(tls));
  }

  TlsIdentity identity(String address) {
    return shared != null ? shared
        : perHost.computeIfAbsent(address, a -> TlsIdentity.generate("poolrescue simulated host " + a, a));
  }

  SSLContext context(String address) {
    return contexts.computeIfAbsent(shared != null ? "" : address, k -> identity(address).sslContext());
  }

  /** Address -> identity generated so far (for tests and the dev stack's inventory). */
  Map<String, TlsIdentity> generated() {
    return Collections.unmodifiableMap(perHost);
  }

  private static TlsIdentity load(XapiServerOptions.Tls tls) {
    char[] password = tls.password();
    try (InputStream in = Files.newInputStream(tls.keystore())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          return new TlsIdentity((PrivateKey) store.getKey(alias, password),
              (X509Certificate) store.getCertificate(alias));
        }
      }
      throw new IllegalArgumentException("the TLS keystore " + tls.keystore() + " holds no private key");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load the TLS keystore " + tls.keystore() + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
