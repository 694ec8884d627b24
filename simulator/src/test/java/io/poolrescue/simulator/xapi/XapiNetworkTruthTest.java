package io.poolrescue.simulator.xapi;

import static io.poolrescue.simulator.xapi.WireFixture.MASTER;
import static io.poolrescue.simulator.xapi.WireFixture.MEMBER_2;
import static io.poolrescue.simulator.xapi.WireFixture.MEMBER_3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.xapi.XapiClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A simulated machine that is off or cut from the network accepts no TCP connection, as a real one:
 * the real client's probe then says unreachable, "no TCP connection", and nothing else does.
 */
class XapiNetworkTruthTest {
  private WireFixture f;

  @BeforeEach
  void start() {
    f = WireFixture.small();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String uuid(String address) {
    return f.sim.snapshot().hosts().stream().filter(h -> h.address().equals(address)).map(Host::uuid)
        .findFirst().orElseThrow();
  }

  private HostProbe probe(String address) {
    try (XapiClient c = f.client(address)) {
      return c.probe();
    }
  }

  private void assertRefused(String address) {
    try (Socket s = new Socket()) {
      assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress(address, f.server.port()), 2000),
          "nothing listens at " + address);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertNoTcp(HostProbe p) {
    HostProbe.Unreachable u = assertInstanceOf(HostProbe.Unreachable.class, p);
    assertTrue(u.reason().startsWith("no TCP connection"), u.reason());
    assertFalse(p.answers());
  }

  @Test
  void aKilledHostAcceptsNoConnectionUntilItIsBack() {
    String member3 = uuid(MEMBER_3);
    f.sim.killHost(member3);
    assertRefused(MEMBER_3);
    assertNoTcp(probe(MEMBER_3));
    assertFalse(f.server.servedAddresses().contains(MEMBER_3));

    f.sim.bringBack(member3);
    assertTrue(f.server.servedAddresses().contains(MEMBER_3), "bound again once it is reachable");
    assertTrue(probe(MEMBER_3).answers());
  }

  @Test
  void aCutNetworkIsNoTcpConnectionEither() {
    f.sim.cutNetwork(uuid(MEMBER_2));
    assertRefused(MEMBER_2);
    assertNoTcp(probe(MEMBER_2));
    assertEquals(new HostProbe.Master(MASTER), probe(MASTER), "the rest of the site is unaffected");
  }

  @Test
  void aDamagedConfigAnswersHostBrokenAndAHealthyMemberIsASlave() {
    f.sim.damageConfig(uuid(MEMBER_2));
    assertEquals(new HostProbe.Unavailable(MEMBER_2, XapiErrors.HOST_BROKEN), probe(MEMBER_2));
    assertEquals(new HostProbe.Slave(MEMBER_3, MASTER), probe(MEMBER_3));
  }
}
