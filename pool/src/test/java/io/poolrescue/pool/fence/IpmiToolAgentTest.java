package io.poolrescue.pool.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** IpmiToolAgent over a scripted ProcessRunner: command lines, parsing, failures, the power-off loop. */
class IpmiToolAgentTest {
  private static final FenceOptions OPTIONS = FenceOptions.defaults()
      .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
      .withPollInterval(Duration.ofMillis(20));

  /** Answers each run with the next scripted outcome and records the arguments after {@code -E}. */
  private static final class Script implements ProcessRunner {
    final Deque<Object> outcomes = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();
    List<String> lastCommand;

    Script then(Object outcome) {
      outcomes.add(outcome);
      return this;
    }

    @Override
    public Result run(List<String> command, java.util.Map<String, String> env, Duration timeout)
        throws IOException, TimeoutException {
      lastCommand = command;
      calls.add(String.join(" ", command.subList(command.indexOf("-E") + 1, command.size())));
      Object next = outcomes.size() > 1 ? outcomes.poll() : outcomes.peek();
      if (next instanceof IOException e) {
        throw e;
      }
      if (next instanceof TimeoutException e) {
        throw e;
      }
      return (Result) next;
    }
  }

  private static ProcessRunner.Result ok(String out) {
    return new ProcessRunner.Result(0, out, "");
  }

  private static final ProcessRunner.Result ON = ok("Chassis Power is on\n");
  private static final ProcessRunner.Result OFF = ok("Chassis Power is off\n");
  private static final ProcessRunner.Result OFF_ACCEPTED = ok("Chassis Power Control: Down/Off\n");

  private static IpmiToolAgent agent(String address, FenceOptions options, ProcessRunner runner) {
    return new IpmiToolAgent(new BmcTarget(BmcKind.IPMI, address, "fence",
        RedfishTestSupport.password("pw"), null, null), options, runner);
  }

  private static IpmiToolAgent agent(Script script) {
    return agent("10.0.1.12", OPTIONS, script);
  }

  @Test
  void theCommandLineCarriesNoPassword() {
    Script s = new Script().then(ON);
    agent(s).powerState();
    assertEquals(List.of("ipmitool", "-I", "lanplus", "-H", "10.0.1.12", "-p", "623", "-U", "fence", "-E",
        "power", "status"), s.lastCommand);
    agent("[fd00::12]:6230", OPTIONS.withIpmitool("/usr/bin/ipmitool", 17), s).powerState();
    assertEquals(List.of("/usr/bin/ipmitool", "-I", "lanplus", "-H", "fd00::12", "-p", "6230", "-U", "fence", "-E",
        "-C", "17", "power", "status"), s.lastCommand);
  }

  @Test
  void statusLinesAreParsed() {
    BmcReading on = agent(new Script().then(ON)).powerState();
    assertEquals(BmcPower.ON, on.power());
    assertEquals("Chassis Power is on", on.raw());
    assertNull(on.reason());
    assertEquals("ipmi 10.0.1.12", on.bmc());
    assertEquals(BmcPower.OFF, agent(new Script().then(OFF)).powerState().power());
    BmcReading odd = agent(new Script().then(ok("Chassis Power is unknown\n"))).powerState();
    assertEquals(BmcPower.UNKNOWN, odd.power());
    assertTrue(odd.reason().startsWith("unexpected ipmitool output"), odd.reason());
    assertEquals(BmcPower.UNKNOWN, agent(new Script().then(ok("Chassis Power is on\nChassis Power is off\n"))).powerState().power());
  }

  @Test
  void failuresReadAsUnknownWithAReason() {
    BmcReading exit = agent(new Script().then(new ProcessRunner.Result(1, "",
        "Error: Unable to establish IPMI v2 / RMCP+ session\n"))).powerState();
    assertEquals(BmcPower.UNKNOWN, exit.power());
    assertEquals("ipmitool exited with 1: Error: Unable to establish IPMI v2 / RMCP+ session", exit.reason());

    BmcReading missing = agent(new Script().then(new IOException("Cannot run program \"ipmitool\": error=2"))).powerState();
    assertTrue(missing.reason().contains("install the ipmitool package"), missing.reason());

    BmcReading slow = agent(new Script().then(new TimeoutException())).powerState();
    assertTrue(slow.reason().startsWith("timeout: ipmitool power status did not finish within 2000 ms"), slow.reason());
  }

  @Test
  void forceOffThenPollsUntilOff() {
    Script s = new Script().then(ON).then(OFF_ACCEPTED).then(ON).then(ON).then(OFF);
    BmcReading r = agent(s).forceOff(Duration.ofSeconds(2));
    assertEquals(BmcPower.OFF, r.power(), r.toString());
    assertEquals(List.of("power status", "power off", "power status", "power status", "power status"), s.calls);
  }

  @Test
  void forceOffThatDoesNotTakeEffectReturnsOnAfterTheBound() {
    Script s = new Script().then(ON).then(OFF_ACCEPTED).then(ON);
    long start = System.nanoTime();
    BmcReading r = agent(s).forceOff(Duration.ofMillis(200));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(BmcPower.ON, r.power());
    // the agent's deadline is on the system clock (millisecond ticks), this measure on nanoTime: 5 ms of slack
    assertTrue(millis >= 195 && millis < 1_500, millis + " ms");
  }

  @Test
  void offOrUnknownMachinesAreNotPoweredOff() {
    Script off = new Script().then(OFF);
    assertEquals(BmcPower.OFF, agent(off).forceOff(Duration.ofSeconds(1)).power());
    Script unknown = new Script().then(new TimeoutException());
    assertEquals(BmcPower.UNKNOWN, agent(unknown).forceOff(Duration.ofSeconds(1)).power());
    assertEquals(List.of("power status"), off.calls);
    assertEquals(List.of("power status"), unknown.calls);
  }

  @Test
  void aFailedPowerOffIsARefusal() {
    Script s = new Script().then(ON).then(new ProcessRunner.Result(1, "",
        "Unable to set Chassis Power Control to Down/Off\n"));
    FenceRefusedException e = assertThrows(FenceRefusedException.class, () -> agent(s).forceOff(Duration.ofSeconds(1)));
    assertEquals("ipmi 10.0.1.12: power off refused (ipmitool exited with 1: Unable to set Chassis Power Control to Down/Off)",
        e.getMessage());
  }

  @Test
  void aPowerOffThatTimesOutIsJudgedByTheReadingsAfter() {
    Script tookEffect = new Script().then(ON).then(new TimeoutException()).then(OFF);
    assertEquals(BmcPower.OFF, agent(tookEffect).forceOff(Duration.ofSeconds(1)).power());
    Script stayedOn = new Script().then(ON).then(new TimeoutException()).then(ON);
    BmcReading r = agent(stayedOn).forceOff(Duration.ofMillis(100));
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertTrue(r.reason().startsWith("power off not confirmed (timeout"), r.reason());
    assertTrue(r.reason().endsWith("last reading: Chassis Power is on"), r.reason());
  }

  @Test
  void addressesAreHostAndOptionalPort() {
    assertEquals(new IpmiAddress("10.0.1.12", 623), IpmiAddress.parse("10.0.1.12"));
    assertEquals(new IpmiAddress("bmc-12.example", 6230), IpmiAddress.parse("bmc-12.example:6230"));
    assertEquals(new IpmiAddress("fd00::12", 623), IpmiAddress.parse("fd00::12"));
    assertEquals(new IpmiAddress("fd00::12", 6230), IpmiAddress.parse("[fd00::12]:6230"));
    assertThrows(IllegalArgumentException.class, () -> IpmiAddress.parse("-oProxyCommand"));
    assertThrows(IllegalArgumentException.class, () -> IpmiAddress.parse("host:port"));
  }
}
