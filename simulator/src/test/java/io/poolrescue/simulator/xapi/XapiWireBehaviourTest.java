package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.MachineState;
import io.poolrescue.simulator.ManualClock;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a client sees at each address of the simulated site, over real HTTP. */
class XapiWireBehaviourTest {
  private static final String MASTER = "127.0.10.1";
  private static final String MEMBER_2 = "127.0.10.2";
  private static final String MEMBER_3 = "127.0.10.3";

  private WireFixture f;
  private PoolSnapshot initial;

  @BeforeEach
  void start() {
    f = WireFixture.small();
    initial = f.sim.snapshot();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private Host host(String address) {
    return initial.hosts().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow();
  }

  private void assertLastCallIsAnUploadTo(String address) {
    JournalEntry last = lastJournalEntry();
    assertEquals("PUT /host_restore", last.call());
    assertEquals(address, last.via());
    assertEquals("ok", last.outcome());
  }

  private JournalEntry lastJournalEntry() {
    List<JournalEntry> all = f.sim.journal().entries();
    return all.get(all.size() - 1);
  }

  @Test
  void aMemberRedirectsLoginToItsMasterAndTheClientFollows() {
    RawHttp raw = new RawHttp(f.server.uri(MEMBER_2));
    assertEquals("HOST_IS_SLAVE [\"" + MASTER + "\"]",
        raw.call("session.login_with_password", "[\"root\",\"poolrescue-sim\"]").xapiError());
    try (XapiClient client = f.client(MEMBER_2)) {
      XapiException e = assertThrows(XapiException.class, () -> client.hostDestroy(host(MEMBER_3).uuid()));
      assertEquals("HOST_IS_LIVE", e.code());
      assertEquals(List.of(host(MEMBER_3).ref()), e.params());
      assertEquals(MASTER, lastJournalEntry().via(), "the call was made on the master");
    }
  }

  @Test
  void aMemberSessionlessLocalLoginWorksAndCarriesOnlyLocalCalls() {
    RawHttp raw = new RawHttp(f.server.uri(MEMBER_2));
    String local = raw.call("session.slave_local_login_with_password", "[\"root\",\"poolrescue-sim\"]")
        .json().get("result").asText();
    assertEquals("SESSION_INVALID [\"" + local + "\"]", raw.call("host.get_all", "[\"" + local + "\"]").xapiError());
    String task = raw.call("task.create", "[\"" + local + "\",\"t\",\"\"]").json().get("result").asText();
    assertEquals("pending", raw.call("task.get_status", "[\"" + local + "\",\"" + task + "\"]").json().get("result").asText());
    raw.call("session.local_logout", "[\"" + local + "\"]");
    assertEquals("SESSION_INVALID [\"" + local + "\"]",
        raw.call("task.get_status", "[\"" + local + "\",\"" + task + "\"]").xapiError());
  }

  @Test
  void aHostRefusingServiceAnswersOnlyEmergencyCalls() {
    f.sim.damageConfig(host(MEMBER_2).uuid());
    RawHttp raw = new RawHttp(f.server.uri(MEMBER_2));
    assertEquals("HOST_BROKEN []", raw.call("system.listMethods", "[]").xapiError());
    assertEquals("HOST_BROKEN []", raw.call("no.such_method", "[]").xapiError());
    assertEquals("HOST_BROKEN []",
        raw.call("session.login_with_password", "[\"root\",\"poolrescue-sim\"]").xapiError());
    String local = raw.call("session.slave_local_login_with_password", "[\"root\",\"poolrescue-sim\"]")
        .json().get("result").asText();
    assertEquals("HOST_BROKEN []", raw.call("host.get_all", "[\"" + local + "\"]").xapiError());
    assertTrue(raw.call("session.local_logout", "[\"" + local + "\"]").json().get("error") == null);
    PoolUnreachableException down = assertThrows(PoolUnreachableException.class, () -> {
      f.sim.killHost(host(MEMBER_3).uuid());
      try (XapiClient c = f.client(MEMBER_3)) {
        c.snapshot();
      }
    });
    assertEquals(MEMBER_3, down.address(), "a dead host closes the connection without a reply");
  }

  @Test
  void wrongCredentialsAreSessionAuthenticationFailed() {
    assertEquals("SESSION_AUTHENTICATION_FAILED [\"root\",\"Authentication failure\"]",
        new RawHttp(f.server.uri(MASTER)).call("session.login_with_password", "[\"root\",\"nope\"]").xapiError());
    XapiConnector wrongUser = new XapiConnector(f.config().user("admin").build());
    try (XapiClient client = wrongUser.connect(MASTER)) {
      XapiException e = assertThrows(XapiException.class, client::snapshot);
      assertEquals("SESSION_AUTHENTICATION_FAILED", e.code());
      assertEquals(List.of("admin", "Authentication failure"), e.params());
    }
  }

  @Test
  void probesSeeWhatTheSimulatorSees() {
    f.sim.killHost(host(MEMBER_3).uuid());
    f.sim.damageConfig(host(MEMBER_2).uuid());
    for (String address : List.of(MASTER, MEMBER_2, MEMBER_3, "127.0.10.99")) {
      HostProbe local = f.sim.connect(address).probe();
      try (XapiClient client = f.client(address)) {
        HostProbe wire = client.probe();
        assertEquals(local.getClass(), wire.getClass(), address);
        if (!(local instanceof HostProbe.Unreachable)) {
          assertEquals(local, wire, address);
        }
      }
    }
    try (XapiClient client = f.client(MEMBER_2)) {
      assertEquals(new HostProbe.Unavailable(MEMBER_2, "HOST_BROKEN"), client.probe());
    }
  }

  @Test
  void afterAPromotionClientsFindTheNewMaster() {
    ManualClock clock = (ManualClock) f.sim.clock();
    try (XapiClient viaMember3 = f.client(MEMBER_3); XapiClient member2 = f.client(MEMBER_2)) {
      assertEquals(host(MASTER).ref(), viaMember3.snapshot().pool().masterRef());
      f.sim.killMaster();
      PoolUnreachableException gone = assertThrows(PoolUnreachableException.class, viaMember3::snapshot);
      assertEquals(MASTER, gone.address());

      member2.emergencyTransitionToMaster();
      f.server.refresh(); // the server's next look closes the restarting host's address
      assertThrows(java.io.UncheckedIOException.class, () -> new RawHttp(f.server.uri(MEMBER_2))
          .call("session.login_with_password", "[\"root\",\"poolrescue-sim\"]"), "the agent restarts: refused");
      clock.advance(f.sim.timings().agentRestart().plus(Duration.ofSeconds(1)));
      f.server.refresh();

      assertEquals(List.of(host(MEMBER_3).uuid()), member2.recoverSlaves());
      clock.advance(f.sim.timings().agentRestart()); // member 3 restarts its agent as the new master's member
      f.server.refresh();
      assertEquals("HOST_IS_SLAVE [\"" + MEMBER_2 + "\"]", new RawHttp(f.server.uri(MEMBER_3))
          .call("session.login_with_password", "[\"root\",\"poolrescue-sim\"]").xapiError());
      assertEquals(host(MEMBER_2).ref(), viaMember3.snapshot().pool().masterRef(),
          "the same client re-resolved the master from its own address");
      assertEquals(MEMBER_2, lastJournalEntry().via());
    }
  }

  @Test
  void httpHandlersAreTrackedByTasksThatAreCleanedUp() {
    String vm = initial.vms().stream().filter(v -> !v.controlDomain()).findFirst().orElseThrow().uuid();
    try (XapiClient client = f.client(MEMBER_2)) {
      assertArrayEquals(f.sim.dumpDatabase(), client.dumpDatabase());
      assertArrayEquals(f.sim.exportVmMetadata(vm), client.exportVmMetadata(vm));
      byte[] export = client.exportVmMetadata(vm);
      assertEquals(outcome(() -> f.sim.importVmMetadata(export, false, true)),
          outcome(() -> client.importVmMetadata(export, false, true)));
      assertEquals(outcome(() -> f.sim.importVmMetadata(export, true, true)),
          outcome(() -> client.importVmMetadata(export, true, true)));
      byte[] backup = client.hostBackup(host(MEMBER_3).uuid());
      assertArrayEquals(f.sim.hostBackup(host(MEMBER_3).uuid()), backup);
      XapiException e = assertThrows(XapiException.class, () -> client.exportVmMetadata("no-such-vm"));
      assertEquals(List.of("VM", "no-such-vm"), e.params());
    }
    RawHttp raw = new RawHttp(f.server.uri(MASTER));
    assertEquals(0, raw.call("task.get_all", "[\"" + raw.login() + "\"]").json().get("result").size(),
        "every task was destroyed");
  }

  /** The result, or the XAPI refusal, as one comparable value. */
  private static Object outcome(Supplier<?> call) {
    try {
      return call.get();
    } catch (XapiException e) {
      return e.code() + " " + e.params();
    }
  }

  @Test
  void aFailedHandlerReportsTheXapiErrorFromItsTask() {
    f.sim.addFreshHost(new FreshHostSpec("fresh-1", "127.0.30.1", 65536, List.of("eth0"), "eth0"));
    f.server.refresh();
    byte[] dump = f.sim.dumpDatabase();
    try (XapiClient fresh = f.client("127.0.30.1")) {
      XapiException e = assertThrows(XapiException.class, () -> fresh.restoreDatabase(dump, true));
      assertEquals("RESTORE_TARGET_MISSING_DEVICE", e.code());
      assertEquals(List.of("eth1"), e.params());
    }
    JournalEntry last = lastJournalEntry();
    assertEquals("PUT /pool/xmldbdump", last.call());
    assertEquals("127.0.30.1", last.via());
    assertEquals("RESTORE_TARGET_MISSING_DEVICE", last.outcome());
  }

  @Test
  void onlyTheExactWordTrueMakesADryRun() {
    f.sim.addFreshHost(new FreshHostSpec("fresh-2", "127.0.30.2", 65536, List.of("eth0", "eth1"), "eth0"));
    f.server.refresh();
    byte[] dump = f.sim.dumpDatabase();
    RawHttp raw = new RawHttp(f.server.uri("127.0.30.2"));
    RawHttp.Reply r = raw.send(HttpRequest.newBuilder(f.server.uri("127.0.30.2")
        .resolve("/pool/xmldbdump?session_id=" + raw.login() + "&dry_run=TRUE"))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(dump)));
    assertEquals(200, r.status());
    JournalEntry last = lastJournalEntry();
    assertEquals("PUT /pool/xmldbdump", last.call());
    assertEquals(List.of("dry_run=false"), last.args(), "\"TRUE\" is not xapi's true: the restore was real");
    assertEquals("ok", last.outcome());
  }

  @Test
  void hostRestoreReachesABrokenHostWithASessionOfItsMaster() {
    byte[] backup;
    try (XapiClient master = f.client(MASTER)) {
      backup = master.hostBackup(host(MEMBER_2).uuid()); // the connector sees host-2 follow 127.0.10.1
    }
    f.sim.damageConfig(host(MEMBER_2).uuid());
    try (XapiClient broken = f.client(MEMBER_2)) {
      broken.hostRestore(backup);
    }
    assertLastCallIsAnUploadTo(MEMBER_2);
  }

  @Test
  void hostRestoreOnABrokenHostWhoseMasterNobodySawIsItsRefusal() {
    byte[] backup = f.sim.hostBackup(host(MEMBER_2).uuid());
    f.sim.damageConfig(host(MEMBER_2).uuid());
    int before = f.sim.journal().size();
    try (XapiClient broken = f.client(MEMBER_2)) {
      XapiException e = assertThrows(XapiException.class, () -> broken.hostRestore(backup));
      assertEquals("HOST_BROKEN", e.code());
    }
    assertEquals(before, f.sim.journal().size(), "nothing was uploaded");
  }

  @Test
  void hostRestoreOnABrokenHostFromAWorkerThatNeverSawThePoolAsksThePoolsOtherHostsForItsMaster() {
    byte[] backup = f.sim.hostBackup(host(MEMBER_2).uuid());
    f.sim.damageConfig(host(MEMBER_2).uuid());
    // the inventory's order: the recorded master (here a stale one: host-3 is a member) and the hosts
    XapiConnector fresh = new XapiConnector(f.config().poolPeers(a -> List.of(MEMBER_3, MEMBER_2, MASTER)).build());
    try (XapiClient broken = fresh.connect(MEMBER_2)) {
      broken.hostRestore(backup);
    }
    assertLastCallIsAnUploadTo(MEMBER_2);
  }

  @Test
  void hostRestoreOnABrokenHostWhosePeersAllRefuseIsItsOwnRefusal() {
    byte[] backup = f.sim.hostBackup(host(MEMBER_2).uuid());
    f.sim.damageConfig(host(MEMBER_2).uuid());
    f.sim.damageConfig(host(MEMBER_3).uuid());
    int before = f.sim.journal().size();
    XapiConnector fresh = new XapiConnector(f.config().poolPeers(a -> List.of(MEMBER_3, "127.0.10.9")).build());
    try (XapiClient broken = fresh.connect(MEMBER_2)) {
      XapiException e = assertThrows(XapiException.class, () -> broken.hostRestore(backup));
      assertEquals("HOST_BROKEN", e.code());
      assertEquals(2, e.getSuppressed().length, "each peer asked says why it did not help");
    }
    assertEquals(before, f.sim.journal().size(), "nothing was uploaded");
  }

  @Test
  void hostRestoreOnAMemberWhoseMasterIsDownNamesTheMaster() {
    byte[] backup = f.sim.hostBackup(host(MEMBER_2).uuid());
    f.sim.killMaster();
    f.server.refresh();
    try (XapiClient member = f.client(MEMBER_2)) {
      PoolUnreachableException e = assertThrows(PoolUnreachableException.class, () -> member.hostRestore(backup));
      assertEquals(MASTER, e.address());
      assertTrue(e.getMessage().contains("needs a session of its pool's master"), e.getMessage());
    }
    assertTrue(f.sim.journal().entries().stream().noneMatch(j -> j.call().equals("PUT /host_restore")));
  }

  @Test
  void aLoginChecksTheRootPasswordOfTheMachineItReaches() {
    f.sim.addFreshHost(new FreshHostSpec("fresh-9", "127.0.30.9", 65536, List.of("eth0"), "eth0", "fresh-secret"));
    f.server.refresh();
    RawHttp fresh = new RawHttp(f.server.uri("127.0.30.9"));
    assertEquals("SESSION_AUTHENTICATION_FAILED [\"root\",\"Authentication failure\"]",
        fresh.call("session.login_with_password", "[\"root\",\"poolrescue-sim\"]").xapiError(),
        "the site's password is not this host's");
    assertTrue(fresh.call("session.login_with_password", "[\"root\",\"fresh-secret\"]").json().get("result")
        .asText().startsWith("OpaqueRef:"));
    assertTrue(new RawHttp(f.server.uri(MASTER)).login().startsWith("OpaqueRef:"), "the pool's own password still works");
  }

  @Test
  void freshHostsAreServedOnceAnyRequestArrives() {
    f.sim.addFreshHost(new FreshHostSpec("fresh-2", "127.0.30.2", 65536, List.of("eth0", "eth1"), "eth0"));
    new RawHttp(f.server.uri(MASTER)).call("system.listMethods", "[]");
    assertTrue(f.server.servedAddresses().contains("127.0.30.2"));
    try (XapiClient fresh = f.client("127.0.30.2")) {
      assertInstanceOf(HostProbe.Master.class, fresh.probe(), "a fresh install is its own master");
      assertEquals(1, fresh.snapshot().hosts().size());
    }
  }
}
