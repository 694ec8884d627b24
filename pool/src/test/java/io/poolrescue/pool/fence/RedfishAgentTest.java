package io.poolrescue.pool.fence;

import static io.poolrescue.pool.fence.RedfishTestSupport.OPTIONS;
import static io.poolrescue.pool.fence.RedfishTestSupport.PASSWORD;
import static io.poolrescue.pool.fence.RedfishTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Readings and forced power-offs against a fake Redfish service shaped like the DMTF schema. */
class RedfishAgentTest {
  private FakeRedfish bmc;

  @BeforeEach
  void start() throws Exception {
    bmc = FakeRedfish.http(PASSWORD);
  }

  @AfterEach
  void stop() {
    bmc.close();
  }

  private RedfishAgent agent(String serial) {
    return new RedfishAgent(target(bmc.url(), serial), OPTIONS);
  }

  static Stream<Arguments> powerStates() {
    return Stream.of(
        Arguments.of("On", BmcPower.ON),
        Arguments.of("Off", BmcPower.OFF),
        Arguments.of("PoweringOff", BmcPower.ON),
        Arguments.of("PoweringOn", BmcPower.ON),
        Arguments.of("Paused", BmcPower.ON),
        Arguments.of(FakeRedfish.MISSING, BmcPower.UNKNOWN),
        Arguments.of(FakeRedfish.NULL, BmcPower.UNKNOWN),
        Arguments.of("off", BmcPower.UNKNOWN),
        Arguments.of("Standby", BmcPower.UNKNOWN),
        Arguments.of(0, BmcPower.UNKNOWN));
  }

  @ParameterizedTest(name = "PowerState {0} reads {1}")
  @MethodSource("powerStates")
  void powerStateIsReadAsTheSchemaDefinesIt(Object state, BmcPower expected) {
    bmc.system("1", "SN-1", state);
    BmcReading r = agent(null).powerState();
    assertEquals(expected, r.power(), r.toString());
    assertEquals("redfish " + bmc.url(), r.bmc());
    if (expected == BmcPower.UNKNOWN) {
      assertNotNull(r.reason());
      assertTrue(r.reason().contains("PowerState"), r.reason());
    } else {
      assertNull(r.reason());
      assertEquals("PowerState \"" + state + "\" at /redfish/v1/Systems/1", r.raw());
    }
  }

  @Test
  void theSystemIsChosenBySerialAmongSeveral() {
    bmc.system("1", "SN-A", "On");
    bmc.system("2", "SN-B", "Off");
    bmc.system("3", "SN-C", "On");
    BmcReading r = agent("SN-B").powerState();
    assertEquals(BmcPower.OFF, r.power(), r.toString());
    assertTrue(r.raw().endsWith("/redfish/v1/Systems/2"), r.raw());
    assertEquals(BmcPower.ON, agent("SN-C").powerState().power());
  }

  @Test
  void noSerialMatchRefusesToGuessAndSaysWhatItFound() {
    bmc.system("1", "SN-A", "Off");
    bmc.system("2", null, "Off");
    BmcReading r = agent("SN-Z").powerState();
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertTrue(r.reason().contains("no system has serial number SN-Z"), r.reason());
    assertTrue(r.reason().contains("/redfish/v1/Systems/1 (serial SN-A)"), r.reason());
    assertTrue(r.reason().contains("/redfish/v1/Systems/2 (serial none)"), r.reason());
  }

  @Test
  void severalSystemsWithoutAConfiguredSerialAreNotGuessed() {
    bmc.system("1", "SN-A", "Off");
    bmc.system("2", "SN-B", "Off");
    BmcReading r = agent(null).powerState();
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertTrue(r.reason().contains("2 systems and no serial number is configured"), r.reason());
  }

  @Test
  void theOnlySystemIsUsedWithoutSerialButNotWithAnotherSerial() {
    bmc.system("only", "SN-A", "On");
    assertEquals(BmcPower.ON, agent(null).powerState().power());
    assertEquals(BmcPower.UNKNOWN, agent("SN-B").powerState().power());
  }

  @Test
  void forceOffIsPostedThenPolledUntilOff() {
    FakeRedfish.ComputerSystem s = bmc.system("1", "SN-1", "On");
    s.afterForceOff = List.of("PoweringOff", "PoweringOff", "PoweringOff", "Off");
    BmcReading r = agent("SN-1").forceOff(Duration.ofSeconds(5));
    assertEquals(BmcPower.OFF, r.power(), r.toString());
    assertEquals(List.of("{\"ResetType\":\"ForceOff\"}"), bmc.resetBodies);
    // the reading before, then at least one poll per PoweringOff and the Off
    assertTrue(bmc.requests("GET", s.path()).size() >= 5, bmc.requests("GET", s.path()).toString());
  }

  @Test
  void forceOffThatDoesNotTakeEffectReturnsOnAfterTheBound() {
    FakeRedfish.ComputerSystem s = bmc.system("1", "SN-1", "On");
    s.afterForceOff = List.of("On");
    long start = System.nanoTime();
    BmcReading r = agent(null).forceOff(Duration.ofMillis(400));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(BmcPower.ON, r.power(), r.toString());
    assertEquals(1, bmc.resetBodies.size());
    assertTrue(millis >= 400 && millis < 400 + 1500, millis + " ms");
  }

  @Test
  void aMachineAlreadyOffIsNotReset() {
    bmc.system("1", "SN-1", "Off");
    assertEquals(BmcPower.OFF, agent(null).forceOff(Duration.ofSeconds(1)).power());
    assertTrue(bmc.resetBodies.isEmpty());
  }

  @Test
  void aMachineWhosePowerIsUnknownIsNotReset() {
    bmc.system("1", "SN-1", "Standby");
    assertEquals(BmcPower.UNKNOWN, agent(null).forceOff(Duration.ofSeconds(1)).power());
    assertTrue(bmc.resetBodies.isEmpty());
  }

  @Test
  void allowableValuesWithoutForceOffAreRefusedBeforeAnyPost() {
    FakeRedfish.ComputerSystem s = bmc.system("1", "SN-1", "On");
    s.allowable = List.of("On", "GracefulShutdown", "GracefulRestart");
    FenceRefusedException e = assertThrows(FenceRefusedException.class, () -> agent(null).forceOff(Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("does not offer ResetType ForceOff (allowed: On, GracefulShutdown, GracefulRestart)"),
        e.getMessage());
    assertTrue(bmc.resetBodies.isEmpty());
    assertEquals(1, bmc.deletedSessions.size(), "the session is closed on a refusal too");
  }

  @Test
  void anActionInfoWithoutForceOffIsRefused() {
    FakeRedfish.ComputerSystem s = bmc.system("1", "SN-1", "On");
    s.allowable = null;
    s.actionInfo = "/redfish/v1/Systems/1/ResetActionInfo";
    bmc.override("GET", s.actionInfo, req -> FakeRedfish.Reply.json(200, """
        {"@odata.type": "#ActionInfo.v1_1_2.ActionInfo", "@odata.id": "/redfish/v1/Systems/1/ResetActionInfo",
         "Id": "ResetActionInfo", "Parameters": [
           {"Name": "ResetType", "Required": true, "DataType": "String", "AllowableValues": ["On", "GracefulShutdown"]}]}
        """));
    FenceRefusedException e = assertThrows(FenceRefusedException.class, () -> agent(null).forceOff(Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("allowed: On, GracefulShutdown"), e.getMessage());
    assertTrue(bmc.resetBodies.isEmpty());
  }

  @Test
  void anActionInfoWithForceOffLetsItThrough() {
    FakeRedfish.ComputerSystem s = bmc.system("1", "SN-1", "On");
    s.allowable = null;
    s.actionInfo = "/redfish/v1/Systems/1/ResetActionInfo";
    bmc.override("GET", s.actionInfo, req -> FakeRedfish.Reply.json(200,
        "{\"Parameters\": [{\"Name\": \"ResetType\", \"AllowableValues\": [\"On\", \"ForceOff\"]}]}"));
    assertEquals(BmcPower.OFF, agent(null).forceOff(Duration.ofSeconds(2)).power());
  }

  @Test
  void noResetActionIsARefusal() {
    bmc.system("1", "SN-1", "On").resetAction = false;
    FenceRefusedException e = assertThrows(FenceRefusedException.class, () -> agent(null).forceOff(Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("offers no #ComputerSystem.Reset action"), e.getMessage());
  }

  @Test
  void aClientErrorOnTheActionIsARefusalWithTheRedfishMessage() {
    FakeRedfish.ComputerSystem s = bmc.system("1", "SN-1", "On");
    bmc.override("POST", s.path() + "/Actions/ComputerSystem.Reset", req -> FakeRedfish.error(409,
        "Base.1.8.ResourceInUse", "The change could not be made because the resource is in use."));
    FenceRefusedException e = assertThrows(FenceRefusedException.class, () -> agent(null).forceOff(Duration.ofSeconds(1)));
    assertTrue(e.getMessage().startsWith("redfish " + bmc.url() + ": ForceOff refused (HTTP 409"), e.getMessage());
    assertTrue(e.getMessage().contains("A general error has occurred.; The change could not be made because the resource is in use."),
        e.getMessage());
  }

  @Test
  void aServerErrorOnTheActionIsNotConfirmedWhileTheMachineStaysOn() {
    FakeRedfish.ComputerSystem s = bmc.system("1", "SN-1", "On");
    bmc.override("POST", s.path() + "/Actions/ComputerSystem.Reset",
        req -> FakeRedfish.error(500, "Base.1.8.InternalError", "boom"));
    BmcReading r = agent(null).forceOff(Duration.ofMillis(200));
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertTrue(r.reason().startsWith("ForceOff not confirmed (HTTP 500"), r.reason());
    assertTrue(r.reason().endsWith("last reading: PowerState \"On\" at /redfish/v1/Systems/1"), r.reason());
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of("401", (FakeRedfish.Fault) b -> b.override("GET", "/redfish/v1/Systems/1",
            req -> FakeRedfish.error(401, "Base.1.8.NoValidSession", "no session")), "authentication refused (HTTP 401)"),
        Arguments.of("404", (FakeRedfish.Fault) b -> b.override("GET", "/redfish/v1/Systems/1",
            req -> FakeRedfish.error(404, "Base.1.8.ResourceNotFound", "gone")), "not found (HTTP 404) for /redfish/v1/Systems/1: "),
        Arguments.of("500", (FakeRedfish.Fault) b -> b.override("GET", "/redfish/v1/Systems",
            req -> FakeRedfish.error(500, "Base.1.8.InternalError", "The BMC is busy")), "BMC error (HTTP 500) for /redfish/v1/Systems: "),
        Arguments.of("503 without a body", (FakeRedfish.Fault) b -> b.override("GET", "/redfish/v1/",
            req -> new FakeRedfish.Reply(503, null, java.util.Map.of(), 0)), "BMC error (HTTP 503) for /redfish/v1/"),
        Arguments.of("slow", (FakeRedfish.Fault) b -> b.override("GET", "/redfish/v1/Systems/1",
            req -> b.route(req).delayed(5_000)), "timeout"),
        Arguments.of("malformed JSON", (FakeRedfish.Fault) b -> b.override("GET", "/redfish/v1/Systems/1",
            req -> FakeRedfish.Reply.json(200, "{\"PowerState\": \"On\",")), "malformed JSON from /redfish/v1/Systems/1"),
        Arguments.of("JSON that is no object", (FakeRedfish.Fault) b -> b.override("GET", "/redfish/v1/Systems/1",
            req -> FakeRedfish.Reply.json(200, "[\"On\"]")), "malformed JSON"),
        Arguments.of("no Systems", (FakeRedfish.Fault) b -> b.override("GET", "/redfish/v1/",
            req -> FakeRedfish.Reply.json(200, "{\"Id\": \"RootService\"}")), "no Systems collection"),
        Arguments.of("a link to another host", (FakeRedfish.Fault) b -> b.override("GET", "/redfish/v1/Systems",
            req -> FakeRedfish.Reply.json(200, "{\"Members\": [{\"@odata.id\": \"http://127.0.0.2:9/redfish/v1/Systems/1\"}]}")),
            "link to another host"),
        Arguments.of("wrong password", (FakeRedfish.Fault) b -> b.override("POST", "/redfish/v1/SessionService/Sessions",
            req -> FakeRedfish.error(401, "Base.1.8.NoValidSession", "Invalid username or password.")),
            "authentication refused (HTTP 401)"),
        Arguments.of("a session without token", (FakeRedfish.Fault) b -> b.override("POST", "/redfish/v1/SessionService/Sessions",
            req -> FakeRedfish.Reply.json(201, "{}")), "no X-Auth-Token"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void faultsReadAsUnknownWithAReason(String name, FakeRedfish.Fault fault, String reason) {
    bmc.system("1", "SN-1", "On");
    fault.inject(bmc);
    RedfishAgent agent = agent(null);
    long start = System.nanoTime();
    BmcReading r = agent.powerState();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(BmcPower.UNKNOWN, r.power(), r.toString());
    assertTrue(r.reason().contains(reason), r.reason());
    assertTrue(millis < 2_500, "bounded by the request timeout: " + millis + " ms");
    assertEquals(BmcPower.UNKNOWN, agent.forceOff(Duration.ofMillis(100)).power());
    assertTrue(bmc.resetBodies.isEmpty());
  }

  @Test
  void anUnreachableBmcReadsUnknown() {
    String url = bmc.url();
    bmc.close();
    BmcReading r = new RedfishAgent(target(url, null), OPTIONS).powerState();
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertTrue(r.reason().startsWith("unreachable"), r.reason());
  }

  @Test
  void aSessionIsOpenedUsedAndDeleted() {
    bmc.system("1", "SN-1", "On");
    assertEquals(BmcPower.ON, agent(null).powerState().power());
    assertEquals(1, bmc.issuedTokens.size());
    FakeRedfish.Request get = bmc.requests("GET", "/redfish/v1/Systems/1").get(0);
    assertEquals(bmc.issuedTokens.get(0), get.token());
    assertNull(get.authorization(), "no Basic credentials next to a session");
    assertEquals(List.of("/redfish/v1/SessionService/Sessions/1"), bmc.deletedSessions);
    assertTrue(bmc.liveTokens.isEmpty());
  }

  @Test
  void aSessionLocationNamingTheBmcOtherwiseIsDeletedHere() {
    bmc.system("1", "SN-1", "On");
    bmc.override("POST", "/redfish/v1/SessionService/Sessions", req -> {
      FakeRedfish.Reply r = bmc.route(req);
      java.util.Map<String, String> headers = new java.util.HashMap<>(r.headers());
      headers.put("Location", "https://bmc-12.example" + headers.get("Location"));
      return new FakeRedfish.Reply(r.status(), r.body(), headers, 0);
    });
    assertEquals(BmcPower.ON, agent(null).powerState().power());
    assertEquals(List.of("/redfish/v1/SessionService/Sessions/1"), bmc.deletedSessions);
  }

  @Test
  void withoutSessionServiceBasicAuthenticationIsUsed() {
    bmc.sessionService = false;
    bmc.system("1", "SN-1", "On");
    assertEquals(BmcPower.ON, agent(null).powerState().power());
    assertTrue(bmc.requests("POST", "/redfish/v1/SessionService/Sessions").isEmpty());
    FakeRedfish.Request get = bmc.requests("GET", "/redfish/v1/Systems/1").get(0);
    assertTrue(get.authorization().startsWith("Basic "), String.valueOf(get.authorization()));
    assertNull(get.token());
  }

  @Test
  void aSessionServiceThatIsNotThereFallsBackToBasic() {
    bmc.system("1", "SN-1", "Off");
    bmc.override("POST", "/redfish/v1/SessionService/Sessions",
        req -> FakeRedfish.error(405, "Base.1.8.OperationNotAllowed", "not allowed"));
    assertEquals(BmcPower.OFF, agent(null).powerState().power());
    assertTrue(bmc.requests("GET", "/redfish/v1/Systems/1").get(0).authorization().startsWith("Basic "));
  }

  @Test
  void anExpiredTokenLogsInAgainOnce() {
    bmc.system("1", "SN-1", "On");
    bmc.override("GET", "/redfish/v1/Systems", req -> {
      if (bmc.issuedTokens.size() == 1) {
        bmc.liveTokens.clear(); // the BMC forgot the first session
      }
      return bmc.route(req);
    });
    BmcReading r = agent(null).powerState();
    assertEquals(BmcPower.ON, r.power(), r.toString());
    assertEquals(2, bmc.issuedTokens.size());
  }

  @Test
  void aTokenRefusedTwiceIsNotRetriedForever() {
    bmc.system("1", "SN-1", "On");
    bmc.override("GET", "/redfish/v1/Systems", req -> FakeRedfish.error(401, "Base.1.8.NoValidSession", "no"));
    BmcReading r = agent(null).powerState();
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertEquals(2, bmc.issuedTokens.size());
    assertEquals(2, bmc.requests("GET", "/redfish/v1/Systems").size());
  }

  @Test
  void plainHttpIsForLoopbackOnly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RedfishAgent(target("http://192.0.2.10", null), OPTIONS));
    assertTrue(e.getMessage().contains("refusing plain http:// to the BMC at 192.0.2.10"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RedfishAgent(target("http://bmc.example", null), OPTIONS));
    new RedfishAgent(target("http://localhost:8000", null), OPTIONS);
    new RedfishAgent(target("http://[::1]:8000", null), OPTIONS);
    new RedfishAgent(target("10.0.1.11", null), OPTIONS); // https assumed
  }

  @Test
  void credentialsInTheAddressAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RedfishAgent(target("https://root:" + PASSWORD + "@10.0.1.11", null), OPTIONS));
    assertTrue(!e.getMessage().contains(PASSWORD), e.getMessage());
  }

  @Test
  void anUnreadablePasswordReadsUnknown() {
    bmc.system("1", "SN-1", "On");
    BmcTarget t = new BmcTarget(BmcKind.REDFISH, bmc.url(), FakeRedfish.USER,
        new io.poolrescue.pool.xapi.CredentialSource.FromEnv("NO_SUCH_BMC_PASSWORD", name -> null), null, null);
    BmcReading r = new RedfishAgent(t, OPTIONS).powerState();
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertTrue(r.reason().contains("env:NO_SUCH_BMC_PASSWORD"), r.reason());
  }
}
