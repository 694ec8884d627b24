package io.poolrescue.pool.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.fence.BmcKind;
import io.poolrescue.pool.fence.BmcTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryReaderTest {
  static final Path EXAMPLE = Path.of("..", "deploy", "inventory.example.yaml");

  @TempDir Path dir;

  @Test
  void theShippedExampleReads() {
    Inventory inv = InventoryReader.read(EXAMPLE);
    assertEquals(1, inv.pools().size());
    assertEquals(2, inv.hostCount());
    InventoryHost idrac = inv.hostAt("10.0.0.11").orElseThrow();
    BmcTarget target = idrac.bmcTarget().orElseThrow();
    assertEquals(BmcKind.REDFISH, target.kind());
    assertEquals("CZ2D1F0A1B", target.systemSerial());
    assertEquals("file:/run/secrets/bmc-xs-a-01", target.password().reference());
    assertEquals(BmcKind.IPMI, inv.host("5e2f9a10-7b63-4d28-a1c4-0e8f7d6b5a43").orElseThrow().bmc().kind());
    assertEquals("prod-pool-a", inv.poolAt("10.0.0.12").orElseThrow().name());
  }

  @Test
  void jsonReadsTheSameAsYaml() throws IOException {
    Path json = write("inv.json", """
        {"pools": [{"uuid": "p1", "name": "lab", "master": "127.0.10.1",
          "xapi": {"user": "root", "password": "env:XAPI_PW"},
          "hosts": [{"uuid": "h1", "addresses": ["127.0.10.1"], "serial": "S1",
                     "bmc": {"kind": "REDFISH", "address": "http://127.0.11.1:8443", "user": "admin",
                             "password": "file:/tmp/bmc"}}]}]}
        """);
    Inventory inv = InventoryReader.read(json);
    assertEquals("h1", inv.hostAt("127.0.10.1").orElseThrow().uuid());
  }

  @Test
  void freshAddressesBelongToTheirPoolAndToOnePoolOnly() throws IOException {
    Inventory inv = InventoryReader.read(write("fresh.yaml", """
        pools:
          - uuid: p1
            master: 10.0.0.1
            xapi: {user: root, password: "env:XAPI_PW"}
            hosts: [{uuid: h1, addresses: [10.0.0.1]}]
            freshAddresses: [10.20.0.11, 10.20.0.12]
        """));
    assertEquals("p1", inv.poolAt("10.20.0.12").orElseThrow().uuid());
    assertTrue(io.poolrescue.pool.AddressAllowlist.fromInventory(inv).allows("10.20.0.11"));
    assertEquals(3, io.poolrescue.pool.AddressAllowlist.fromInventory(inv).size());

    InventoryException e = assertThrows(InventoryException.class, () -> InventoryReader.read(write("two.yaml", """
        pools:
          - uuid: p1
            master: 10.0.0.1
            xapi: {user: root, password: "env:XAPI_PW"}
            hosts: [{uuid: h1, addresses: [10.0.0.1]}]
            freshAddresses: [10.0.0.2]
          - uuid: p2
            master: 10.0.0.2
            xapi: {user: root, password: "env:XAPI_PW"}
            hosts: [{uuid: h2, addresses: [10.0.0.2]}]
        """)));
    assertTrue(e.getMessage().contains("pools[1]: address 10.0.0.2 is also an address of pools[0]"), e.getMessage());
  }

  @Test
  void eachPoolNamesItsSiteAndAWorkerOfASiteSeesOnlyItsPools() throws IOException {
    Inventory inv = InventoryReader.read(write("sites.yaml", """
        pools:
          - uuid: p1
            master: 10.1.0.1
            site: paris
            xapi: {user: root, password: "env:PARIS_PW"}
            hosts: [{uuid: h1, addresses: [10.1.0.1]}]
          - uuid: p2
            master: 10.2.0.1
            site: lyon
            xapi: {user: admin, password: "env:LYON_PW"}
            hosts: [{uuid: h2, addresses: [10.2.0.1]}]
          - uuid: p3
            master: 10.1.0.9
            site: paris
            xapi: {user: root, password: "env:PARIS_PW"}
            hosts: [{uuid: h3, addresses: [10.1.0.9]}]
        """));
    assertEquals(List.of("paris", "lyon"), List.copyOf(inv.sites()));
    assertEquals(List.of("p1", "p3"), inv.atSite("paris").pools().stream().map(InventoryPool::uuid).toList());
    assertEquals("lyon", inv.poolAt("10.2.0.1").orElseThrow().site());
    assertTrue(InventoryReader.read(EXAMPLE).sites().isEmpty(), "an inventory without sites is one site");
  }

  @Test
  void aSiteIsNamedForEveryPoolOrNoneAndFitsATaskQueueName() throws IOException {
    InventoryException e = assertThrows(InventoryException.class, () -> InventoryReader.read(write("mixed.yaml", """
        pools:
          - uuid: p1
            master: 10.1.0.1
            site: Paris/North
            xapi: {user: root, password: "env:PARIS_PW"}
            hosts: [{uuid: h1, addresses: [10.1.0.1]}]
          - uuid: p2
            master: 10.2.0.1
            xapi: {user: root, password: "env:LYON_PW"}
            hosts: [{uuid: h2, addresses: [10.2.0.1]}]
        """)));
    assertTrue(e.getMessage().contains("pools[0].site: 'Paris/North' is not a site name"), e.getMessage());
    assertTrue(e.getMessage().contains("'site' is given for 1 of 2 pools"), e.getMessage());
  }

  @Test
  void aPoolsStandbySitesWorkersServeItBesideTheirOwnPools() throws IOException {
    Inventory inv = InventoryReader.read(write("standby.yaml", """
        pools:
          - uuid: p1
            master: 10.1.0.1
            site: paris
            xapi: {user: root, password: "env:PARIS_PW"}
            hosts: [{uuid: h1, addresses: [10.1.0.1]}]
          - uuid: p2
            master: 10.2.0.1
            site: lyon
            standbySite: geneva
            xapi: {user: admin, password: "env:LYON_PW"}
            hosts: [{uuid: h2, addresses: [10.2.0.1]}]
        """));
    assertEquals(List.of("paris", "lyon", "geneva"), List.copyOf(inv.sites()), "a standby site is a site");
    assertEquals("geneva", inv.poolAt("10.2.0.1").orElseThrow().standbySite());
    assertEquals(List.of("p2"), inv.atSite("geneva").pools().stream().map(InventoryPool::uuid).toList());
    assertEquals(List.of("p2"), inv.atSite("lyon").pools().stream().map(InventoryPool::uuid).toList());
    assertEquals(List.of("p1"), inv.atSite("paris").pools().stream().map(InventoryPool::uuid).toList());
  }

  @Test
  void aStandbySiteIsAnotherSiteOfAPoolThatHasOne() throws IOException {
    InventoryException e = assertThrows(InventoryException.class, () -> InventoryReader.read(write("bad.yaml", """
        pools:
          - uuid: p1
            master: 10.1.0.1
            site: paris
            standbySite: paris
            xapi: {user: root, password: "env:PARIS_PW"}
            hosts: [{uuid: h1, addresses: [10.1.0.1]}]
          - uuid: p2
            master: 10.2.0.1
            site: lyon
            standbySite: "Lyon 2"
            xapi: {user: root, password: "env:LYON_PW"}
            hosts: [{uuid: h2, addresses: [10.2.0.1]}]
        """)));
    assertTrue(e.getMessage().contains("pools[0].standbySite: 'paris' is the pool's own site"), e.getMessage());
    assertTrue(e.getMessage().contains("pools[1].standbySite: 'Lyon 2' is not a site name"), e.getMessage());
    InventoryException noSite = assertThrows(InventoryException.class, () -> InventoryReader.read(write("none.yaml",
        """
        pools:
          - uuid: p1
            master: 10.1.0.1
            standbySite: paris
            xapi: {user: root, password: "env:PARIS_PW"}
            hosts: [{uuid: h1, addresses: [10.1.0.1]}]
        """)));
    assertTrue(noSite.getMessage().contains("pools[0].standbySite needs the pool's own 'site'"), noSite.getMessage());
  }

  @Test
  void aHostWithoutBmcIsAllowedAndHasNoTarget() throws IOException {
    Inventory inv = InventoryReader.read(write("inv.yaml", pool("""
          - uuid: h1
            addresses: [10.0.0.1]
        """)));
    assertTrue(inv.host("h1").orElseThrow().bmcTarget().isEmpty());
  }

  @Test
  void everyProblemIsListedWithWhereItIs() throws IOException {
    InventoryException e = assertThrows(InventoryException.class, () -> InventoryReader.read(write("inv.yaml", pool("""
          - uuid: h1
            addresses: [10.0.0.1]
            bmc: {kind: redfish, address: http://10.0.1.1, user: admin, password: file:/x}
          - uuid: h1
            addresses: [10.0.0.1]
            bmc: {kind: ipmi, address: 10.0.1.2, password: env:P, tlsPinSha256: "12:34"}
        """))));
    List<String> p = e.problems();
    assertTrue(p.contains("pools[0] (lab).hosts[0].bmc.address: http is only accepted for loopback addresses; use https"), p.toString());
    assertTrue(p.contains("pools[0] (lab).hosts[1]: host uuid h1 is listed twice"), p.toString());
    assertTrue(p.contains("pools[0] (lab).hosts[1]: address 10.0.0.1 is listed for two hosts"), p.toString());
    assertTrue(p.contains("pools[0] (lab).hosts[1].bmc: 'user' is required"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("pools[0] (lab).hosts[1].bmc.tlsPinSha256: not a SHA-256")), p.toString());
    assertEquals(5, p.size(), p.toString());
  }

  @Test
  void aPasswordWhereAReferenceBelongsIsRefusedWithoutEchoingIt() throws IOException {
    InventoryException e = assertThrows(InventoryException.class, () -> InventoryReader.read(write("inv.yaml", pool("""
          - uuid: h1
            addresses: [10.0.0.1]
            bmc: {kind: ipmi, address: 10.0.1.2, user: admin, password: "S3cr3t-Typed-By-Mistake"}
        """))));
    assertTrue(e.getMessage().contains("pools[0] (lab).hosts[0].bmc.password: unsupported credential reference"), e.getMessage());
    assertFalse(e.getMessage().contains("S3cr3t"), e.getMessage());
  }

  @Test
  void aHostsOwnRootPasswordIsAReferenceUsedForLoginsThere() throws IOException {
    Inventory inv = InventoryReader.read(write("inv.yaml", pool("""
          - uuid: h1
            addresses: [10.0.0.1]
            xapiPassword: file:/etc/poolrescue/h1.pw
          - uuid: h2
            addresses: [10.0.0.2]
        """)));
    assertEquals(new XapiAccess("root", "file:/etc/poolrescue/h1.pw", null), inv.ownXapiAccessAt("10.0.0.1").orElseThrow());
    assertTrue(inv.ownXapiAccessAt("10.0.0.2").isEmpty(), "h2 uses the pool's password");
    InventoryException e = assertThrows(InventoryException.class, () -> InventoryReader.read(write("bad.yaml", pool("""
          - uuid: h1
            addresses: [10.0.0.1]
            xapiPassword: "Root-Typed-By-Mistake"
        """))));
    assertTrue(e.getMessage().contains("pools[0] (lab).hosts[0].xapiPassword: unsupported credential reference"),
        e.getMessage());
    assertFalse(e.getMessage().contains("Root-Typed"), e.getMessage());
  }

  @Test
  void aHostsStartSlotsAreReadAndBoundedAndDefaultTo16() throws IOException {
    Inventory inv = InventoryReader.read(write("inv.yaml", pool("""
          - uuid: h1
            addresses: [10.0.0.1]
            startSlots: 4
          - uuid: h2
            addresses: [10.0.0.2]
        """)));
    assertEquals(4, inv.host("h1").orElseThrow().startSlotsOrDefault());
    assertEquals(16, inv.host("h2").orElseThrow().startSlotsOrDefault());
    InventoryException e = assertThrows(InventoryException.class, () -> InventoryReader.read(write("bad.yaml", pool("""
          - uuid: h1
            addresses: [10.0.0.1]
            startSlots: 0
        """))));
    assertTrue(e.getMessage().contains("pools[0] (lab).hosts[0].startSlots: between 1 and 256"), e.getMessage());
  }

  @Test
  void aMisspeltKeyIsAnErrorNotAHostWithoutFencing() throws IOException {
    InventoryException e = assertThrows(InventoryException.class, () -> InventoryReader.read(write("inv.yaml", pool("""
          - uuid: h1
            addresses: [10.0.0.1]
            bcm: {kind: ipmi, address: 10.0.1.2, user: admin, password: env:P}
        """))));
    assertTrue(e.getMessage().contains("unknown key 'bcm' at line"), e.getMessage());
  }

  @Test
  void malformedAndMissingFilesSayWhereAndNeverShowTheText() throws IOException {
    InventoryException bad = assertThrows(InventoryException.class,
        () -> InventoryReader.read(write("inv.json", "{\"pools\": [ {\"uuid\": \"p\", hunter2 ")));
    assertTrue(bad.getMessage().contains("not a valid inventory at line 1"), bad.getMessage());
    assertFalse(bad.getMessage().contains("hunter2"), bad.getMessage());
    InventoryException missing = assertThrows(InventoryException.class, () -> InventoryReader.read(dir.resolve("none.yaml")));
    assertTrue(missing.getMessage().endsWith("the file does not exist"), missing.getMessage());
    InventoryException empty = assertThrows(InventoryException.class, () -> InventoryReader.read(write("e.json", "{}")));
    assertTrue(empty.getMessage().contains("no pools"), empty.getMessage());
  }

  private static String pool(String hosts) {
    return """
        pools:
          - uuid: p1
            name: lab
            master: 10.0.0.1
            xapi: {user: root, password: env:XAPI_PW}
            hosts:
        """ + hosts.stripTrailing().indent(4);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
