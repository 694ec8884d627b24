package io.poolrescue.pool.xapi;

import static io.poolrescue.simulator.xapi.WireFixture.MASTER;
import static io.poolrescue.simulator.xapi.WireFixture.MEMBER_2;
import static io.poolrescue.simulator.xapi.WireFixture.MEMBER_3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.tls.TlsIdentity;
import io.poolrescue.simulator.xapi.WireFixture;
import io.poolrescue.simulator.xapi.XapiServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each host its own certificate: with only the master pinned, members are trusted by what the master reports. */
class HostPinsTest {
  private WireFixture f;

  @BeforeEach
  void start() {
    f = new WireFixture(SimulatedPool.preset("small"), XapiServerOptions.defaults().withHostCertificates());
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private XapiConnector masterPinned() {
    return new XapiConnector(f.config().pinnedSha256(MASTER, f.server.identity(MASTER).sha256()).build());
  }

  private static HostProbe probe(XapiConnector connector, String address) {
    try (XapiClient c = connector.connect(address)) {
      return c.probe();
    }
  }

  @Test
  void aMemberIsTrustedWithThePinItsMasterReports() {
    XapiConnector connector = masterPinned();
    assertEquals(new HostProbe.Master(MASTER), probe(connector, MASTER));
    assertEquals(new HostProbe.Slave(MEMBER_2, MASTER), probe(connector, MEMBER_2));
    assertEquals(XapiClientConfig.normaliseFingerprint(f.server.identity(MEMBER_2).sha256()),
        connector.learnedPins().get(MEMBER_2));
  }

  @Test
  void underOnePoolWidePinAMemberIsUnidentified() {
    XapiConnector connector = new XapiConnector(f.config().pinnedSha256(f.server.identity(MASTER).sha256()).build());
    assertEquals(new HostProbe.Master(MASTER), probe(connector, MASTER));
    assertInstanceOf(HostProbe.Unidentified.class, probe(connector, MEMBER_2));
  }

  @Test
  void aWrongLearnedPinIsRefused() {
    XapiConnector connector = masterPinned();
    connector.learnedPins().put(MEMBER_3, XapiClientConfig.normaliseFingerprint(f.server.identity(MEMBER_2).sha256()));
    HostProbe.Unidentified u = assertInstanceOf(HostProbe.Unidentified.class, probe(connector, MEMBER_3));
    assertTrue(u.answers());
  }

  @Test
  void anImpostorAtAMembersAddressIsRefused() throws IOException {
    f.sim.killHost(f.sim.snapshot().hosts().stream().filter(h -> h.address().equals(MEMBER_3)).findFirst()
        .orElseThrow().uuid());
    HttpsServer impostor = HttpsServer.create(
        new InetSocketAddress(InetAddress.getByName(MEMBER_3), f.server.port()), 4);
    impostor.setHttpsConfigurator(new HttpsConfigurator(TlsIdentity.generate("impostor", MEMBER_3).sslContext()));
    impostor.start();
    try {
      XapiConnector connector = masterPinned();
      assertInstanceOf(HostProbe.Unidentified.class, probe(connector, MEMBER_3),
          "the master reports host-3's own certificate, which the impostor does not have");
      assertEquals(XapiClientConfig.normaliseFingerprint(f.server.identity(MEMBER_3).sha256()),
          connector.learnedPins().get(MEMBER_3));
    } finally {
      impostor.stop(0);
    }
  }
}
