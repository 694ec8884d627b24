package io.poolrescue.activities.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.ActivityImplementations;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.pool.fence.HostFencing;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryHost;
import io.poolrescue.pool.inventory.InventoryPool;
import io.poolrescue.pool.inventory.XapiAccess;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's first check, through Temporal's activity environment with the worker's real activity
 * list: addresses of one inventory pool pass; an address outside the inventory fails the run for good
 * and nothing is sent there (an HTTP endpoint at that address records every request); two pools fail.
 */
class RequestScopeActivitiesTest {
  private static final String POOL_A = "7c1e43a2-58b4-4c1f-9d0e-3a6f2b9c8d01";
  private static final String POOL_B = "91b0c5d2-3e4f-4a6b-8c7d-0e1f2a3b4c5d";

  @TempDir Path dir;
  private TestActivityEnvironment env;
  private HttpServer stranger;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private RequestScopeActivities scope;

  private static Inventory inventory() {
    XapiAccess xapi = new XapiAccess("root", "file:/run/secrets/xapi-password", null);
    return new Inventory(List.of(
        new InventoryPool(POOL_A, "pool-a", "127.0.40.1", xapi, List.of(
            new InventoryHost("a1", "a-01", List.of("127.0.40.1"), "S1", null, null),
            new InventoryHost("a2", "a-02", List.of("127.0.40.2"), "S2", null, null)),
            List.of("127.0.40.21")),
        new InventoryPool(POOL_B, "pool-b", "127.0.41.1", xapi, List.of(
            new InventoryHost("b1", "b-01", List.of("127.0.41.1"), "S3", null, null)))));
  }

  @BeforeEach
  void setUp() throws Exception {
    stranger = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    stranger.createContext("/", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    stranger.start();
    Inventory inventory = inventory();
    AddressAllowlist allowlist = AddressAllowlist.fromInventory(inventory);
    XapiConnector connector = new XapiConnector(XapiClientConfig.builder()
        .scheme("http").port(stranger.getAddress().getPort()).user("root")
        .credentials("file:" + Files.writeString(dir.resolve("password"), "secret"))
        .allowlist(allowlist).build());
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(ActivityImplementations.create(new ActivityDependencies(connector,
        DirectoryBackupStore.withoutEncryption(Files.createDirectories(dir.resolve("backups"))),
        new LoggingNotificationSink(), HostFencing.none(Clock.systemUTC()), false, inventory, allowlist)).toArray());
    scope = env.newActivityStub(RequestScopeActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
        .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
    stranger.stop(0);
  }

  private static ApplicationFailure failure(Runnable call) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call::run);
    return (ApplicationFailure) f.getCause();
  }

  @Test
  void addressesOfOnePoolGiveThatPool() {
    RequestScope s = scope.check(Arrays.asList(" 127.0.40.2", "127.0.40.1", null, "127.0.40.21", "127.0.40.2"));
    assertEquals(new RequestScope(POOL_A, "pool-a", List.of("127.0.40.2", "127.0.40.1", "127.0.40.21")), s);
  }

  @Test
  void anAddressOutsideTheInventoryFailsForGoodAndNothingIsSentThere() {
    ApplicationFailure f = failure(() -> scope.check(List.of("127.0.40.1", "127.0.0.1", "10.9.9.9")));
    assertEquals(XapiFailures.ADDRESS_NOT_IN_INVENTORY, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().startsWith("127.0.0.1, 10.9.9.9 are not hosts of the worker's inventory"),
        f.getOriginalMessage());
    assertEquals(List.of("127.0.0.1", "10.9.9.9"), List.of(f.getDetails().get(0, String.class),
        f.getDetails().get(1, String.class)));
    assertEquals(List.of(), received, "no request reached the address outside the inventory");
  }

  @Test
  void aRequestSpanningTwoPoolsIsRefused() {
    ApplicationFailure f = failure(() -> scope.check(List.of("127.0.40.1", "127.0.41.1")));
    assertEquals(XapiFailures.ADDRESSES_IN_SEVERAL_POOLS, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("127.0.40.1 (pool pool-a " + POOL_A + "), 127.0.41.1 (pool pool-b "
        + POOL_B + ")"), f.getOriginalMessage());
  }

  @Test
  void withoutAnInventoryNoPoolIsNamed() {
    RequestScopeActivitiesImpl noInventory =
        new RequestScopeActivitiesImpl(AddressAllowlist.of(List.of("10.0.0.1"), "the worker's --xapi host"), null);
    RequestScope s = noInventory.check(List.of("10.0.0.1"));
    assertNull(s.poolUuid());
    assertEquals(List.of("10.0.0.1"), s.addresses());
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> noInventory.check(List.of("10.0.0.2")));
    assertEquals(XapiFailures.ADDRESS_NOT_IN_INVENTORY, f.getType());
  }

  @Test
  void aPoolAtASiteNamesItAndHowLongItsWorkersAreWaitedFor() {
    Inventory sited = new Inventory(inventory().pools().stream()
        .map(p -> p.atSite(p.uuid().equals(POOL_A) ? "paris" : "lyon")).toList());
    RequestScopeActivitiesImpl impl = new RequestScopeActivitiesImpl(AddressAllowlist.fromInventory(sited), sited,
        Duration.ofSeconds(45));
    assertEquals(new RequestScope(POOL_B, "pool-b", List.of("127.0.41.1"), "lyon", Duration.ofSeconds(45)),
        impl.check(List.of("127.0.41.1")));
    assertEquals(new RequestScope(POOL_A, "pool-a", List.of("127.0.40.1")), scope.check(List.of("127.0.40.1")),
        "without sites: no site and nothing to wait for");
  }
}
