package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The VM power calls and host enable/disable over the wire: each changes the database and the
 * physical truth (which domain runs where, suspend images); each refusal names xapi's code and
 * parameters and changes nothing.
 */
class XapiWireVmPowerTest {
  private WireFixture f;
  private RawHttp raw;
  private String s;

  @BeforeEach
  void start() {
    f = WireFixture.small();
    raw = new RawHttp(f.server.uri(WireFixture.MEMBER_2)); // calls run on the master, as xapi forwards them
    s = "\"" + new RawHttp(f.server.uri(WireFixture.MASTER)).login() + "\"";
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private Vm vm(String name) {
    return f.sim.snapshot().vms().stream().filter(v -> v.nameLabel().equals(name)).findFirst().orElseThrow();
  }

  private Host host(String name) {
    return f.sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals(name)).findFirst().orElseThrow();
  }

  private JsonNode ok(String method, String... args) {
    RawHttp.Reply r = raw.call(method, "[" + s + (args.length == 0 ? "" : "," + String.join(",", args)) + "]");
    assertTrue(r.error() == null || r.error().isNull(), method + ": " + r.json());
    return r.json().get("result");
  }

  private String refused(String method, String... args) {
    PoolSnapshot before = f.sim.snapshot();
    Map<String, String> domains = f.sim.runningDomains();
    String e = raw.call(method, "[" + s + "," + String.join(",", args) + "]").xapiError();
    assertEquals(before, f.sim.snapshot(), method + " refused: the database did not change");
    assertEquals(domains, f.sim.runningDomains(), method + " refused: no domain started or stopped");
    return e;
  }

  private static String q(String v) {
    return "\"" + v + "\"";
  }

  private JournalEntry last() {
    List<JournalEntry> all = f.sim.journal().entries();
    return all.get(all.size() - 1);
  }

  @Test
  void startShutdownRebootOfAHaltedVm() {
    Vm v = vm("vm-12");
    assertNull(f.sim.runningDomains().get(v.uuid()));
    ok("VM.start", q(v.ref()), "false", "false");
    Vm running = vm("vm-12");
    assertEquals(PowerState.RUNNING, running.powerState());
    assertEquals(f.sim.snapshot().host(running.residentOn()).orElseThrow().uuid(), f.sim.runningDomains().get(v.uuid()),
        "a domain runs where the database says");
    assertEquals("VM.start", last().call());
    assertEquals(WireFixture.MASTER, last().via());

    ok("VM.clean_reboot", q(v.ref()));
    assertEquals(running, vm("vm-12"), "a reboot keeps the record");
    assertEquals(f.sim.snapshot().host(running.residentOn()).orElseThrow().uuid(), f.sim.runningDomains().get(v.uuid()));

    ok("VM.clean_shutdown", q(v.ref()));
    Vm halted = vm("vm-12");
    assertEquals(PowerState.HALTED, halted.powerState());
    assertNull(halted.residentOn());
    assertNull(f.sim.runningDomains().get(v.uuid()), "the domain is gone");
    assertTrue(f.sim.snapshot().vdis().stream().noneMatch(d -> d.lockedBy(running.residentOn())
        && f.sim.snapshot().vbds().stream().anyMatch(b -> b.vmRef().equals(v.ref()) && d.ref().equals(b.vdiRef()))),
        "its disks are released");
    assertTrue(f.sim.integrityViolations().isEmpty());
  }

  @Test
  void startPausedThenHardShutdown() {
    Vm v = vm("vm-12");
    ok("VM.start", q(v.ref()), "true", "false");
    assertEquals(PowerState.PAUSED, vm("vm-12").powerState());
    assertTrue(f.sim.runningDomains().containsKey(v.uuid()), "a paused VM has a domain");
    assertEquals("VM_BAD_POWER_STATE [\"" + v.ref() + "\",\"running\",\"paused\"]",
        refused("VM.clean_shutdown", q(v.ref())));
    ok("VM.hard_shutdown", q(v.ref()));
    assertEquals(PowerState.HALTED, vm("vm-12").powerState());
    assertFalse(f.sim.runningDomains().containsKey(v.uuid()));
  }

  @Test
  void suspendLeavesAnImageAndResumeStartsTheDomainAgain() {
    Vm v = vm("vm-01");
    ok("VM.suspend", q(v.ref()));
    Vm suspended = vm("vm-01");
    assertEquals(PowerState.SUSPENDED, suspended.powerState());
    assertNull(suspended.residentOn());
    assertFalse(f.sim.runningDomains().containsKey(v.uuid()));
    assertEquals(List.of(v.uuid()), f.sim.suspendImages());
    assertEquals("VM_BAD_POWER_STATE [\"" + v.ref() + "\",\"halted\",\"suspended\"]",
        refused("VM.start", q(v.ref()), "false", "false"));
    ok("VM.resume", q(v.ref()), "false", "false");
    assertEquals(PowerState.RUNNING, vm("vm-01").powerState());
    assertTrue(f.sim.runningDomains().containsKey(v.uuid()));
    assertEquals(List.of(), f.sim.suspendImages(), "the image was read back");
  }

  @Test
  void powerStateRefusalsAreLowercase() {
    Vm running = vm("vm-01");
    Vm halted = vm("vm-12");
    assertEquals("VM_BAD_POWER_STATE [\"" + running.ref() + "\",\"halted\",\"running\"]",
        refused("VM.start", q(running.ref()), "false", "false"));
    assertEquals("VM.start", last().call());
    assertEquals("VM_BAD_POWER_STATE", last().outcome());
    assertEquals("VM_BAD_POWER_STATE [\"" + halted.ref() + "\",\"running\",\"halted\"]",
        refused("VM.clean_shutdown", q(halted.ref())));
    assertEquals("VM_BAD_POWER_STATE [\"" + halted.ref() + "\",\"paused, suspended, running\",\"halted\"]",
        refused("VM.hard_shutdown", q(halted.ref())));
    assertEquals("VM_BAD_POWER_STATE [\"" + halted.ref() + "\",\"running\",\"halted\"]",
        refused("VM.suspend", q(halted.ref())));
    assertEquals("VM_BAD_POWER_STATE [\"" + halted.ref() + "\",\"suspended\",\"halted\"]",
        refused("VM.resume", q(halted.ref()), "false", "false"));
  }

  @Test
  void startWithEveryHostDisabledIsNoHostsAvailable() {
    for (String h : List.of("host-1", "host-2", "host-3")) {
      ok("host.disable", q(host(h).ref()));
      assertFalse(host(h).enabled());
      assertEquals("host.disable", last().call());
    }
    Vm v = vm("vm-12");
    assertEquals("NO_HOSTS_AVAILABLE []", refused("VM.start", q(v.ref()), "false", "false"));
    assertEquals("HOST_DISABLED [\"" + host("host-2").ref() + "\"]",
        refused("VM.start_on", q(v.ref()), q(host("host-2").ref()), "false", "false"));
    ok("host.enable", q(host("host-2").ref()));
    assertTrue(host("host-2").enabled());
    ok("VM.start", q(v.ref()), "false", "false");
    assertEquals(host("host-2").uuid(), f.sim.runningDomains().get(v.uuid()), "the only enabled host");
  }

  @Test
  void aShutdownOnADeadHostIsHostOffline() {
    Vm v = vm("vm-09");
    Host h3 = host("host-3");
    f.sim.killHost(h3.uuid());
    ((ManualClock) f.sim.clock()).advance(f.sim.timings().hostAssumedDead().plusSeconds(60));
    assertEquals("HOST_OFFLINE [\"" + h3.ref() + "\"]", refused("VM.clean_shutdown", q(v.ref())));
    assertEquals("HOST_OFFLINE [\"" + h3.ref() + "\"]", refused("host.disable", q(h3.ref())));
  }

  @Test
  void asyncVariantsAnswerATaskThatCarriesTheOutcome() {
    Vm v = vm("vm-12");
    String task = ok("Async.VM.start", q(v.ref()), "false", "false").asText();
    assertEquals("success", ok("task.get_status", q(task)).asText());
    assertEquals(PowerState.RUNNING, vm("vm-12").powerState());
    String failed = ok("Async.VM.start", q(v.ref()), "false", "false").asText();
    assertEquals("failure", ok("task.get_status", q(failed)).asText());
    assertEquals("[\"VM_BAD_POWER_STATE\",\"" + v.ref() + "\",\"halted\",\"running\"]",
        ok("task.get_error_info", q(failed)).toString());
  }

  @Test
  void listMethodsNamesTheNewCalls() {
    JsonNode names = new RawHttp(f.server.uri(WireFixture.MASTER)).call("system.listMethods", "[]").json().get("result");
    List<String> all = new ArrayList<>();
    names.forEach(n -> all.add(n.asText()));
    for (String m : List.of("VM.start", "VM.clean_shutdown", "VM.hard_shutdown", "VM.clean_reboot", "VM.hard_reboot",
        "VM.suspend", "VM.resume", "host.disable", "host.enable", "Async.VM.start", "event.from", "event.inject",
        "host.is_in_emergency_mode")) {
      assertTrue(all.contains(m), m);
    }
  }
}
