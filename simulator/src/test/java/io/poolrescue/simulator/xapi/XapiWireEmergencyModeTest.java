package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.simulator.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host in emergency mode answers every call but the emergency ones with its stored error, in
 * xapi's own reply shape: HTTP 200, {@code {"jsonrpc":"2.0","error":[CODE, params...],"id":0}},
 * whatever the request's id and JSON-RPC version. Nothing changes.
 */
class XapiWireEmergencyModeTest {
  private WireFixture f;

  @BeforeEach
  void start() {
    f = WireFixture.small();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aRefusedCallGetsTheErrorArrayWithIdZeroWhateverTheRequest() {
    f.sim.damageConfig(f.hostAt(WireFixture.MEMBER_2).uuid());
    int before = f.sim.journal().size();
    RawHttp raw = new RawHttp(f.server.uri(WireFixture.MEMBER_2));
    String expected = "{\"jsonrpc\":\"2.0\",\"error\":[\"HOST_BROKEN\"],\"id\":0}";
    RawHttp.Reply v2 = raw.post("/jsonrpc",
        "{\"jsonrpc\":\"2.0\",\"method\":\"host.get_all\",\"params\":[\"OpaqueRef:x\"],\"id\":17}");
    assertEquals(200, v2.status());
    assertEquals("application/json", v2.contentType());
    assertEquals(expected, new String(v2.body(), StandardCharsets.UTF_8));
    RawHttp.Reply v1 = raw.post("/jsonrpc",
        "{\"method\":\"session.login_with_password\",\"params\":[\"root\",\"poolrescue-sim\"],\"id\":\"abc\"}");
    assertEquals(expected, new String(v1.body(), StandardCharsets.UTF_8));
    RawHttp.Reply unknown = raw.call("no.such_method", "[]");
    assertEquals(expected, new String(unknown.body(), StandardCharsets.UTF_8));
    assertEquals(before, f.sim.journal().size(), "a refusal changes nothing");
  }

  @Test
  void emergencyCallsStillWork() {
    f.sim.damageConfig(f.hostAt(WireFixture.MEMBER_2).uuid());
    RawHttp raw = new RawHttp(f.server.uri(WireFixture.MEMBER_2));
    String local = raw.call("session.slave_local_login_with_password", "[\"root\",\"poolrescue-sim\"]")
        .json().get("result").asText();
    assertTrue(local.startsWith("OpaqueRef:"));
    assertTrue(raw.call("host.is_in_emergency_mode", "[\"" + local + "\"]").json().get("result").asBoolean());
    assertEquals("HOST_BROKEN []", raw.call("host.get_all", "[\"" + local + "\"]").xapiError());
    assertEquals("", raw.call("session.local_logout", "[\"" + local + "\"]").json().get("result").asText());

    RawHttp healthy = new RawHttp(f.server.uri(WireFixture.MEMBER_3));
    String other = healthy.call("session.slave_local_login_with_password", "[\"root\",\"poolrescue-sim\"]")
        .json().get("result").asText();
    assertEquals(false, healthy.call("host.is_in_emergency_mode", "[\"" + other + "\"]").json().get("result")
        .asBoolean(), "a serving host is not in emergency mode");
  }

  @Test
  void aHostUnknownToItsMasterNamesItself() {
    ManualClock clock = (ManualClock) f.sim.clock();
    String uuid = f.hostAt(WireFixture.MEMBER_3).uuid();
    f.sim.killHost(uuid);
    clock.advance(f.sim.timings().hostAssumedDead().plus(Duration.ofMinutes(1)));
    f.sim.snapshot().vms().stream().filter(v -> !v.controlDomain() && f.hostAt(WireFixture.MEMBER_3).ref().equals(v.residentOn()))
        .forEach(v -> f.sim.vmPowerStateReset(v.uuid()));
    f.sim.hostDestroy(uuid);
    f.sim.bringBack(uuid);
    f.server.refresh();
    int before = f.sim.journal().size();
    RawHttp raw = new RawHttp(f.server.uri(WireFixture.MEMBER_3));
    RawHttp.Reply r = raw.call("session.login_with_password", "[\"root\",\"poolrescue-sim\"]");
    assertEquals("{\"jsonrpc\":\"2.0\",\"error\":[\"HOST_UNKNOWN_TO_MASTER\",\"" + uuid + "\"],\"id\":0}",
        new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(before, f.sim.journal().size());
  }
}
