package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.pool.AddressNotAllowedException;
import io.poolrescue.pool.PoolClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool's password goes only to allowed addresses: a JSON-RPC stub at any other address records
 * no request at all, whether a caller names it or a {@code HOST_IS_SLAVE} reply points to it.
 */
class AddressAllowlistConnectorTest {
  private static final String SESSION = JsonRpcStub.result("\"OpaqueRef:session-1\"");

  @TempDir Path dir;

  private String password() throws Exception {
    return "file:" + Files.writeString(dir.resolve("password"), "stub-password");
  }

  private static XapiConnector connector(int port, Set<String> allowed) {
    return new XapiConnector(XapiClientConfig.builder()
        .scheme("http").port(port).user("root").credentials("env:POOLRESCUE_TEST_UNSET_PASSWORD_VAR")
        .allowlist(AddressAllowlist.of(allowed))
        .build());
  }

  @Test
  void anAddressOutsideTheAllowlistGetsNoRequestAtAll() throws Exception {
    try (JsonRpcStub stranger = JsonRpcStub.start("127.0.0.1", 0, m -> SESSION)) {
      XapiConnector connector = connector(stranger.port(), Set.of("127.0.0.2"));
      AddressNotAllowedException e =
          assertThrows(AddressNotAllowedException.class, () -> connector.connect("127.0.0.1"));
      assertEquals("127.0.0.1", e.address());
      assertTrue(e.getMessage().startsWith("127.0.0.1 is not a host of the worker's inventory"), e.getMessage());
      assertEquals(List.of(), stranger.bodies(), "no request, so no session.login_with_password");
    }
  }

  @Test
  void hostIsSlaveIsNotFollowedOutsideTheAllowlist() throws Exception {
    try (JsonRpcStub member = JsonRpcStub.start("127.0.0.1", 0, m -> JsonRpcStub.error("HOST_IS_SLAVE", "127.0.0.3"));
        JsonRpcStub stranger = JsonRpcStub.start("127.0.0.3", member.port(), m -> SESSION)) {
      XapiConnector connector = new XapiConnector(XapiClientConfig.builder()
          .scheme("http").port(member.port()).user("root").credentials(password())
          .allowlist(AddressAllowlist.of(Set.of("127.0.0.1")))
          .build());
      try (PoolClient client = connector.connect("127.0.0.1")) {
        AddressNotAllowedException e = assertThrows(AddressNotAllowedException.class, client::snapshot);
        assertEquals("127.0.0.3", e.address());
        assertTrue(e.getMessage().contains("HOST_IS_SLAVE naming 127.0.0.3"), e.getMessage());
        assertTrue(e.getMessage().contains("not a host of the worker's inventory"), e.getMessage());
      }
      assertEquals(1, member.bodies().size(), "the allowed member was asked once");
      assertTrue(member.bodies().get(0).contains("session.login_with_password"));
      assertEquals(List.of(), stranger.bodies(), "the master it named got nothing");
    }
  }

  @Test
  void hostIsSlaveIsFollowedToAnAllowedMaster() throws Exception {
    try (JsonRpcStub member = JsonRpcStub.start("127.0.0.1", 0, m -> JsonRpcStub.error("HOST_IS_SLAVE", "127.0.0.3"));
        JsonRpcStub master = JsonRpcStub.start("127.0.0.3", member.port(),
            m -> m.equals("pool.sync_database") ? JsonRpcStub.result("\"\"") : SESSION)) {
      XapiConnector connector = new XapiConnector(XapiClientConfig.builder()
          .scheme("http").port(member.port()).user("root").credentials(password())
          .allowlist(AddressAllowlist.of(Set.of("127.0.0.1", "127.0.0.3")))
          .build());
      try (PoolClient client = connector.connect("127.0.0.1")) {
        client.syncDatabase();
      }
      assertTrue(master.bodies().get(0).contains("session.login_with_password"), master.bodies().toString());
      assertTrue(master.bodies().get(1).contains("pool.sync_database"), master.bodies().toString());
    }
  }

  @Test
  void aProbeOfAStrangerIsNotSentEither() throws Exception {
    try (JsonRpcStub stranger = JsonRpcStub.start("127.0.0.1", 0, m -> SESSION)) {
      XapiConnector connector = connector(stranger.port(), Set.of("127.0.0.2"));
      assertThrows(AddressNotAllowedException.class, () -> connector.connect("127.0.0.1").probe());
      try (PoolClient allowed = connector.connect("127.0.0.2")) {
        // a join would make the host send the password on: refused before the host is even asked
        assertThrows(AddressNotAllowedException.class, () -> allowed.poolJoin("127.0.0.1"));
      }
      assertEquals(List.of(), stranger.bodies());
    }
  }

  @Test
  void httpIsRefusedAtConfigTimeForANonLoopbackAddress() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> XapiClientConfig.fromUrl("http://10.0.0.1").credentials("env:X")
            .allowlist(AddressAllowlist.of(Set.of("10.0.0.1", "127.0.0.1"))).build());
    assertTrue(e.getMessage().contains("http sends the pool password in clear"), e.getMessage());
    assertTrue(e.getMessage().contains("not for 10.0.0.1;"), e.getMessage());
    // loopback over http stays possible (the simulator), https anywhere
    XapiClientConfig.fromUrl("http://127.0.10.1:7281").credentials("env:X")
        .allowlist(AddressAllowlist.of(Set.of("127.0.10.1", "::1", "localhost"))).build();
    XapiClientConfig.fromUrl("https://10.0.0.1").credentials("env:X")
        .allowlist(AddressAllowlist.of(Set.of("10.0.0.1"))).build();
  }

  @Test
  void withoutAnAllowlistOnlyLoopbackAddressesAreReached() {
    XapiConnector connector = new XapiConnector(XapiClientConfig.builder().credentials("env:X").build());
    assertThrows(AddressNotAllowedException.class, () -> connector.connect("10.0.0.1"));
    connector.connect("127.0.10.1").close();
  }

  @Test
  void addressesAreComparedNormalizedWithoutDns() {
    AddressAllowlist a = AddressAllowlist.of(Set.of(" 10.0.0.1 ", "FE80::1", "xs-a-01.example"));
    assertTrue(a.allows("10.0.0.1"));
    assertTrue(a.allows("[fe80:0:0:0:0:0:0:1]"));
    assertTrue(a.allows("XS-A-01.example"));
    assertEquals(false, a.allows("10.0.0.01x"));
    assertEquals(false, a.allows("10.0.0.2"));
    assertTrue(AddressAllowlist.isLoopback("127.8.9.10"));
    assertTrue(AddressAllowlist.isLoopback("[::1]"));
    assertTrue(AddressAllowlist.isLoopback("LOCALHOST"));
    assertEquals(false, AddressAllowlist.isLoopback("localhost.evil.example"));
    assertEquals(false, AddressAllowlist.isLoopback("128.0.0.1"));
  }
}
