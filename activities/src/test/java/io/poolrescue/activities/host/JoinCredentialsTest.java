package io.poolrescue.activities.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryHost;
import io.poolrescue.pool.inventory.InventoryPool;
import io.poolrescue.pool.inventory.XapiAccess;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.ManualClock;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A join logs in to the master with the master's own root password, named in the inventory by reference. */
class JoinCredentialsTest {
  private static final String JOINER = "127.0.30.1";
  private static final String MASTER = "127.0.30.5";
  private static final String MASTERS_PASSWORD = "fresh-5-root";

  private ManualClock clock;
  private SimulatedPool sim;
  private String masterUuid;
  @TempDir Path dir;

  @BeforeEach
  void setUp() {
    clock = new ManualClock(SimulatedPool.EPOCH);
    sim = SimulatedPool.preset("small", clock, SimTimings.defaults());
    sim.addFreshHost(new FreshHostSpec("fresh-1", JOINER, 65536, List.of("eth0"), "eth0"));
    masterUuid = sim.addFreshHost(new FreshHostSpec("fresh-5", MASTER, 65536, List.of("eth0"), "eth0",
        MASTERS_PASSWORD));
  }

  private Inventory inventory(String passwordReference) {
    InventoryHost master = new InventoryHost(masterUuid, "fresh-5", List.of(MASTER), null, null, null,
        passwordReference);
    return new Inventory(List.of(new InventoryPool("0c000000-0000-4000-8000-00000000000c", "rebuilt", MASTER,
        new XapiAccess("root", "env:POOLRESCUE_TEST_XAPI_PASSWORD", null), List.of(master), List.of(JOINER))));
  }

  @Test
  void theMastersOwnPasswordFromTheInventoryIsUsed() throws IOException {
    Path file = dir.resolve("fresh-5.pw");
    Files.writeString(file, MASTERS_PASSWORD + "\n", StandardCharsets.UTF_8);
    JoinResult r = new HostActivitiesImpl(sim, null, null, inventory("file:" + file)).joinPool(JOINER, MASTER);
    assertEquals(JoinResult.Action.JOINED, r.action());
    clock.advance(Duration.ofSeconds(10)); // the joiner's agent restarts as a member
    assertEquals(new HostProbe.Slave(JOINER, MASTER), sim.connect(JOINER).probe());
    JournalEntry join = sim.journal().successful("pool.join").get(0);
    assertEquals(List.of(MASTER), join.args(), "the journal names the master, never the password");
  }

  @Test
  void withoutItTheJoinerOffersTheWorkersPasswordAndIsRefused() {
    ApplicationFailure f = assertThrows(ApplicationFailure.class,
        () -> new HostActivitiesImpl(sim, null, null).joinPool(JOINER, MASTER));
    assertEquals(XapiErrors.SESSION_AUTHENTICATION_FAILED, f.getType());
    assertFalse(f.getMessage().contains(MASTERS_PASSWORD));
    assertEquals(new HostProbe.Master(JOINER), sim.connect(JOINER).probe(), "nothing joined");
  }

  @Test
  void aWrongPasswordInTheReferencedFileIsRefused() throws IOException {
    Path file = dir.resolve("stale.pw");
    Files.writeString(file, "an-old-password", StandardCharsets.UTF_8);
    ApplicationFailure f = assertThrows(ApplicationFailure.class,
        () -> new HostActivitiesImpl(sim, null, null, inventory("file:" + file)).joinPool(JOINER, MASTER));
    assertEquals(XapiErrors.SESSION_AUTHENTICATION_FAILED, f.getType());
    assertFalse(f.getMessage().contains("an-old-password"));
  }
}
