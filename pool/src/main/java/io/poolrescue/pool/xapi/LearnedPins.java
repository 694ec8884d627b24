package io.poolrescue.pool.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pins of hosts the configuration does not pin, as their master reports them
 * ({@code host.get_server_certificate}) over a connection to a pinned host: trust follows from the
 * pinned master, never from what the host itself presents.
 */
final class LearnedPins {
  private static final Logger log = LoggerFactory.getLogger(LearnedPins.class);

  private final Map<String, String> pins = new ConcurrentHashMap<>();

  /** The learned pin of that address, or null. */
  String get(String address) {
    return pins.get(address);
  }

  /** For tests: a pin as if the master had reported it. */
  void put(String address, String sha256) {
    pins.put(address, sha256);
  }

  /** Asks the pinned hosts in turn, until one answers; nothing is learned when none does. */
  void learn(String address, Iterable<String> pinnedHosts, Function<String, XapiClient> clientAt) {
    for (String from : pinnedHosts) {
      try (XapiClient master = clientAt.apply(from)) {
        pins.put(address, reportedPin(master, address));
        log.info("pin of {} learned from the master reached at {}", address, from);
        return;
      } catch (RuntimeException | CertificateException e) {
        log.debug("cannot learn the pin of {} from {}: {}", address, from, e.toString());
      }
    }
    log.warn("no pinned host reports the certificate of {}: TLS to it is refused", address);
  }

  private static String reportedPin(XapiClient master, String address) throws CertificateException {
    JsonNode hosts = master.call("host.get_all_records");
    for (Iterator<Map.Entry<String, JsonNode>> it = hosts.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> h = it.next();
      if (address.equals(h.getValue().path("address").asText())) {
        String pem = master.call("host.get_server_certificate", h.getKey()).asText();
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        return PinnedCertificateTrustManager.sha256(cert);
      }
    }
    throw new IllegalStateException("the pool has no host at " + address);
  }
}
