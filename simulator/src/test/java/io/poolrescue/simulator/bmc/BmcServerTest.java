package io.poolrescue.simulator.bmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.model.Host;
import io.poolrescue.simulator.BmcFault;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.ManualClock;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.tls.TlsIdentity;
import io.poolrescue.simulator.tls.TlsProbe;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated BMCs over loopback HTTPS, spoken to with raw Redfish requests. */
class BmcServerTest {
  private static final String SYSTEM = "/redfish/v1/Systems/1";
  private static final String RESET = SYSTEM + "/Actions/ComputerSystem.Reset";

  private SimulatedPool sim;
  private BmcServer server;

  @BeforeEach
  void start() {
    sim = SimulatedPool.preset("small");
    server = BmcServer.start(sim);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Host host(String name) {
    return sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst().orElseThrow();
  }

  private SimulatedBmc bmc(String hostName) {
    return server.bmcs().stream().filter(b -> b.hostName().equals(hostName)).findFirst().orElseThrow();
  }

  private String[] auth(SimulatedBmc b) {
    return new String[] {"Authorization", Redfish.basic(b.user(), b.password())};
  }

  private String power(String hostName) throws IOException {
    SimulatedBmc b = bmc(hostName);
    Redfish.Reply r = new Redfish(b.url()).get(SYSTEM, auth(b));
    assertEquals(200, r.status(), r.raw().body());
    return r.json().get("PowerState").asText();
  }

  private Redfish.Reply reset(String hostName, String type) throws IOException {
    SimulatedBmc b = bmc(hostName);
    return new Redfish(b.url()).post(RESET, "{\"ResetType\":\"" + type + "\"}", auth(b));
  }

  private List<String> domainsOn(String hostUuid) {
    return sim.runningDomains().entrySet().stream().filter(e -> e.getValue().equals(hostUuid))
        .map(java.util.Map.Entry::getKey).toList();
  }

  @Test
  void everyHostHasABmcAtItsManagementAddress() {
    List<SimulatedBmc> bmcs = server.bmcs();
    assertEquals(3, bmcs.size());
    SimulatedBmc b2 = bmc("host-2");
    assertEquals(URI.create("https://127.1.10.2:" + server.port()), URI.create(b2.url()));
    assertEquals("admin", b2.user());
    assertEquals(host("host-2").serial(), b2.serial());
    assertEquals("SIM-HOST-2", b2.serial());
    assertFalse(b2.toString().contains(b2.password()), "the password is not printed");
  }

  @Test
  void theServiceRootIsOpenAndLinksTheSystemsAndSessions() throws IOException {
    Redfish.Reply r = new Redfish(bmc("host-1").url()).get("/redfish/v1/");
    assertEquals(200, r.status());
    JsonNode root = r.json();
    assertEquals("/redfish/v1/Systems", root.get("Systems").get("@odata.id").asText());
    assertEquals("/redfish/v1/SessionService/Sessions", root.get("Links").get("Sessions").get("@odata.id").asText());
    assertTrue(root.get("@odata.type").asText().startsWith("#ServiceRoot."));
  }

  @Test
  void theSystemIsFoundByItsSerialAndOffersTheResets() throws IOException {
    SimulatedBmc b = bmc("host-3");
    Redfish rf = new Redfish(b.url());
    JsonNode members = rf.get("/redfish/v1/Systems", auth(b)).json().get("Members");
    JsonNode match = null;
    for (JsonNode m : members) {
      JsonNode sys = rf.get(m.get("@odata.id").asText(), auth(b)).json();
      if (host("host-3").serial().equals(sys.get("SerialNumber").asText())) {
        match = sys;
      }
    }
    assertNotNull(match, "a system with the host's serial");
    JsonNode action = match.get("Actions").get("#ComputerSystem.Reset");
    assertEquals(RESET, action.get("target").asText());
    assertEquals("[\"On\",\"ForceOff\",\"GracefulShutdown\",\"ForceRestart\"]",
        action.get("ResetType@Redfish.AllowableValues").toString());
    assertEquals("On", match.get("PowerState").asText());
  }

  @Test
  void powerFollowsThePhysicalTruthNotTheAgent() throws IOException {
    String h2 = host("host-2").uuid();
    String h3 = host("host-3").uuid();
    sim.killHost(host("host-1").uuid());
    assertEquals("Off", power("host-1"), "a power failure");
    sim.cutNetwork(h2);
    assertEquals("On", power("host-2"), "a cut network leaves it running");
    assertFalse(domainsOn(h2).isEmpty(), "and its domains run");
    sim.damageConfig(h3);
    assertEquals("On", power("host-3"), "a broken agent leaves it running");
    assertFalse(domainsOn(h3).isEmpty());
  }

  @Test
  void allHostsLostReadOff() throws IOException {
    sim.loseAllHosts();
    assertEquals("Off", power("host-2"));
  }

  @Test
  void forceOffStopsTheMachineAndItsDomainsAndIsJournaled() throws IOException {
    Host h2 = host("host-2");
    sim.cutNetwork(h2.uuid());
    int before = sim.journal().size();
    assertEquals(204, reset("host-2", "ForceOff").status());
    assertEquals("Off", power("host-2"));
    assertTrue(domainsOn(h2.uuid()).isEmpty(), "no domain runs on a machine without power");
    List<JournalEntry> e = sim.journal().since(before);
    assertEquals(1, e.size());
    assertEquals("bmc.ForceOff", e.get(0).call());
    assertEquals("127.1.10.2", e.get(0).via());
    assertEquals(List.of(h2.uuid()), e.get(0).args());
    assertTrue(e.get(0).succeeded());
    ((ManualClock) sim.clock()).advance(Duration.ofSeconds(700));
    assertFalse(host("host-2").live(), "the master marks a powered-off member dead in time");
  }

  @Test
  void onPowersItBack() throws IOException {
    sim.killHost(host("host-3").uuid());
    assertEquals(204, reset("host-3", "On").status());
    assertEquals("On", power("host-3"));
  }

  @Test
  void anUnreachableBmcDoesNotAnswer() {
    sim.setBmcFault(host("host-2").uuid(), BmcFault.UNREACHABLE);
    assertThrows(IOException.class, () -> new Redfish(bmc("host-2").url()).get("/redfish/v1/"));
  }

  @Test
  void aStuckPowerControllerAcceptsForceOffButTheMachineStaysOn() throws IOException {
    String h2 = host("host-2").uuid();
    sim.setBmcFault(h2, BmcFault.IGNORES_POWER_OFF);
    assertEquals(204, reset("host-2", "ForceOff").status());
    assertEquals("On", power("host-2"));
    assertFalse(domainsOn(h2).isEmpty());
  }

  @Test
  void aRefusingBmcAnswers400AndNothingChanges() throws IOException {
    String h2 = host("host-2").uuid();
    sim.setBmcFault(h2, BmcFault.REFUSES_RESET);
    Redfish.Reply r = reset("host-2", "ForceOff");
    assertEquals(400, r.status());
    assertTrue(r.json().get("error").get("code").asText().endsWith("ActionNotSupported"));
    assertEquals("On", power("host-2"));
    assertEquals("REFUSED", sim.journal().entries().get(sim.journal().size() - 1).outcome());
  }

  @Test
  void aBmcWithoutForceOffDoesNotOfferIt() throws IOException {
    String h2 = host("host-2").uuid();
    sim.setBmcFault(h2, BmcFault.NO_FORCE_OFF);
    SimulatedBmc b = bmc("host-2");
    JsonNode allowed = new Redfish(b.url()).get(SYSTEM, auth(b)).json().get("Actions").get("#ComputerSystem.Reset")
        .get("ResetType@Redfish.AllowableValues");
    assertFalse(allowed.toString().contains("ForceOff"), allowed.toString());
    assertEquals(400, reset("host-2", "ForceOff").status());
    assertEquals("On", power("host-2"));
  }

  @Test
  void withoutOrWithWrongCredentialsIts401() throws IOException {
    SimulatedBmc b = bmc("host-1");
    Redfish rf = new Redfish(b.url());
    Redfish.Reply none = rf.get(SYSTEM);
    assertEquals(401, none.status());
    assertNotNull(none.header("WWW-Authenticate"));
    assertEquals(401, rf.get(SYSTEM, "Authorization", Redfish.basic(b.user(), "wrong")).status());
    assertEquals(401, rf.get(SYSTEM, "X-Auth-Token", "not-a-token").status());
    assertEquals(401, rf.post("/redfish/v1/SessionService/Sessions",
        "{\"UserName\":\"admin\",\"Password\":\"wrong\"}").status());
    SimulatedBmc other = bmc("host-2");
    assertEquals(401, rf.get(SYSTEM, "Authorization", Redfish.basic(other.user(), other.password())).status(),
        "each BMC has its own password");
  }

  @Test
  void aSessionTokenWorksUntilTheSessionIsDeleted() throws IOException {
    SimulatedBmc b = bmc("host-1");
    Redfish rf = new Redfish(b.url());
    Redfish.Reply login = rf.post("/redfish/v1/SessionService/Sessions",
        "{\"UserName\":\"" + b.user() + "\",\"Password\":\"" + b.password() + "\"}");
    assertEquals(201, login.status());
    String token = login.header("X-Auth-Token");
    String location = login.header("Location");
    assertNotNull(token);
    assertTrue(location.startsWith("/redfish/v1/SessionService/Sessions/"), location);
    assertEquals(200, rf.get(SYSTEM, "X-Auth-Token", token).status());
    assertEquals(401, new Redfish(bmc("host-2").url()).get(SYSTEM, "X-Auth-Token", token).status(),
        "a token is only good at the BMC that issued it");
    assertEquals(204, rf.delete(location, "X-Auth-Token", token).status());
    assertEquals(401, rf.get(SYSTEM, "X-Auth-Token", token).status());
  }

  @Test
  void everyBmcPresentsItsOwnCertificate() {
    Set<String> pins = new HashSet<>();
    for (SimulatedBmc b : server.bmcs()) {
      URI u = URI.create(b.url());
      assertEquals(b.tlsSha256(), TlsIdentity.sha256(TlsProbe.presented(u.getHost(), u.getPort())));
      pins.add(b.tlsSha256());
    }
    assertEquals(3, pins.size());
    assertNotEquals(null, bmc("host-1").tlsSha256());
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() throws IOException {
    SimulatedBmc b = bmc("host-1");
    Redfish rf = new Redfish(b.url());
    assertEquals(404, rf.get("/redfish/v1/Systems/2", auth(b)).status());
    assertEquals(405, rf.delete(SYSTEM, auth(b)).status());
    assertEquals(400, rf.post(RESET, "{}", auth(b)).status(), "ResetType missing");
  }
}
