package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.AddressNotAllowedException;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryHost;
import io.poolrescue.pool.inventory.InventoryPool;
import io.poolrescue.pool.inventory.XapiAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One worker, several pools: each pool's hosts get that pool's login, and no other pool's. */
class InventoryConnectorTest {
  private static final String SESSION = JsonRpcStub.result("\"OpaqueRef:session-1\"");

  @TempDir Path dir;

  private InventoryPool pool(String uuid, String address, String user, String password) throws Exception {
    String reference = "file:" + Files.writeString(dir.resolve(uuid + ".pw"), password);
    return new InventoryPool(uuid, uuid, address, new XapiAccess(user, reference, null),
        List.of(new InventoryHost("h-" + uuid, null, List.of(address), null, null, null)), List.of(), "paris");
  }

  @Test
  void eachPoolIsLoggedInToWithItsOwnCredentials() throws Exception {
    try (JsonRpcStub a = JsonRpcStub.start("127.0.61.1", 0, m -> SESSION);
        JsonRpcStub b = JsonRpcStub.start("127.0.62.1", a.port(), m -> SESSION)) {
      Inventory served = new Inventory(List.of(pool("pa", "127.0.61.1", "root", "secret-of-a"),
          pool("pb", "127.0.62.1", "admin", "secret-of-b")));
      InventoryConnector connector = new InventoryConnector(served,
          () -> XapiClientConfig.builder().scheme("http").port(a.port()));
      try (PoolClient c = connector.connect("127.0.61.1")) {
        c.probe();
      }
      try (PoolClient c = connector.connect("127.0.62.1")) {
        c.probe();
      }
      String loginA = a.bodies().get(0);
      String loginB = b.bodies().get(0);
      assertTrue(loginA.contains("\"root\"") && loginA.contains("secret-of-a"), loginA);
      assertTrue(!loginA.contains("secret-of-b"), "pool a never sees pool b's password");
      assertTrue(loginB.contains("\"admin\"") && loginB.contains("secret-of-b"), loginB);
      assertTrue(!loginB.contains("secret-of-a"), "pool b never sees pool a's password");
      assertTrue(connector.describe().contains("pa as root (password from file:"), connector.describe());
    }
  }

  @Test
  void anAddressOfNoServedPoolGetsNothing() throws Exception {
    try (JsonRpcStub stranger = JsonRpcStub.start("127.0.63.1", 0, m -> SESSION)) {
      InventoryConnector connector = new InventoryConnector(
          new Inventory(List.of(pool("pa", "127.0.61.1", "root", "secret-of-a"))),
          () -> XapiClientConfig.builder().scheme("http").port(stranger.port()));
      AddressNotAllowedException e =
          assertThrows(AddressNotAllowedException.class, () -> connector.connect("127.0.63.1"));
      assertEquals("127.0.63.1", e.address());
      assertTrue(e.getMessage().contains("not a host of a pool this worker serves"), e.getMessage());
      assertEquals(List.of(), stranger.bodies());
    }
  }
}
