package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.tls.TlsIdentity;
import io.poolrescue.simulator.tls.TlsProbe;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each simulated host presents its own certificate, and host.get_server_certificate reports it. */
class HostCertificatesTest {
  private static final List<String> HOSTS = List.of("127.0.10.1", "127.0.10.2", "127.0.10.3");
  private static XapiServer server;

  @BeforeAll
  static void start() {
    server = XapiServer.start(SimulatedPool.preset("small"), XapiServerOptions.defaults().withHostCertificates());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyHostPresentsACertificateOfItsOwn() {
    Set<String> seen = new HashSet<>();
    for (String a : HOSTS) {
      X509Certificate presented = TlsProbe.presented(a, server.port());
      assertEquals(server.identity(a).sha256(), TlsIdentity.sha256(presented), a);
      seen.add(TlsIdentity.sha256(presented));
    }
    assertEquals(HOSTS.size(), seen.size(), "three hosts, three certificates");
  }

  @Test
  void getServerCertificateAnswersEachHostsOwnPem() throws Exception {
    RawHttp master = new RawHttp(server.uri("127.0.10.1"), TlsProbe.trustAll());
    String session = master.login();
    JsonNode hosts = master.call("host.get_all_records", "[\"" + session + "\"]").json().get("result");
    int checked = 0;
    for (var it = hosts.fields(); it.hasNext(); ) {
      var e = it.next();
      String address = e.getValue().get("address").asText();
      String pem = master.call("host.get_server_certificate", "[\"" + session + "\",\"" + e.getKey() + "\"]")
          .json().get("result").asText();
      String fromRpc = TlsIdentity.sha256(TlsProbe.parsePem(pem));
      assertEquals(TlsIdentity.sha256(TlsProbe.presented(address, server.port())), fromRpc, address);
      checked++;
    }
    assertEquals(3, checked);
    assertNotEquals(server.identity("127.0.10.1").sha256(), server.identity("127.0.10.2").sha256());
  }
}
