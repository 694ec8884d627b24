package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.simulator.SimulatedPool;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One port, one loopback address per simulated host. */
class XapiServerBindingTest {
  @Test
  void everyHostIsServedAtItsOwnAddressOnOnePort() {
    try (WireFixture f = WireFixture.small()) {
      assertEquals(List.of("127.0.10.1", "127.0.10.2", "127.0.10.3"), f.server.servedAddresses());
      for (String address : f.server.servedAddresses()) {
        try (XapiClient c = f.client(address)) {
          HostProbe probe = c.probe();
          assertEquals(address, probe.address());
          assertTrue(probe.answers());
        }
      }
    }
  }

  @Test
  void aRequestedPortTakenOnOneAddressIsAClearError() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.10.2"))) {
      int port = squatter.getLocalPort();
      SimulatedPool sim = SimulatedPool.preset("small");
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> XapiServer.start(sim, XapiServerOptions.defaults().withPort(port)).close());
      assertTrue(e.getCause().getMessage().contains("port " + port + " is already used on 127.0.10.2"),
          e.getCause().getMessage());
    }
  }

  @Test
  void anAddressThatIsNotLocalIsLeftUnservedAndTheRestKeepsWorking() {
    try (WireFixture f = WireFixture.small()) {
      // TEST-NET-1 (RFC 5737): never assigned to this machine, so binding fails; no packet is sent.
      f.sim.addFreshHost(new FreshHostSpec("elsewhere", "192.0.2.10", 1L << 36, List.of("eth0"), "eth0"));
      f.server.refresh();
      assertFalse(f.server.servedAddresses().contains("192.0.2.10"));
      try (XapiClient c = f.client("127.0.10.1")) {
        assertEquals(3, c.snapshot().hosts().size(), "the pool itself is unaffected");
      }
    }
  }
}
