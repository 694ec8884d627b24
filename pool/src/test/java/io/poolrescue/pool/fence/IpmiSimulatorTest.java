package io.poolrescue.pool.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IPMI fence agent with the real ipmitool against OpenIPMI's ipmi_sim on 127.0.0.1. */
class IpmiSimulatorTest {
  private static final FenceOptions OPTIONS = FenceOptions.defaults()
      .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
      .withPollInterval(Duration.ofMillis(200))
      .withIpmitool("ipmitool", IpmiSimulator.CIPHER_SUITE);

  @TempDir
  static Path dir;
  private static IpmiSimulator sim;

  @BeforeAll
  static void start() throws Exception {
    sim = IpmiSimulator.start(dir);
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @BeforeEach
  void powerOn() throws Exception {
    sim.powerOn();
  }

  private static FenceAgent agent(String password) {
    BmcTarget target = new BmcTarget(BmcKind.IPMI, sim.address(), IpmiSimulator.USER,
        RedfishTestSupport.password(password), null, null);
    return new DefaultFenceAgents(OPTIONS, new SystemProcessRunner()).open(target);
  }

  @Test
  void readsOnForcesOffAndReadsOff() throws Exception {
    FenceAgent agent = agent(IpmiSimulator.PASSWORD);
    assertTrue(agent instanceof IpmiToolAgent);
    BmcReading on = agent.powerState();
    assertEquals(BmcPower.ON, on.power(), on.toString());
    assertEquals("Chassis Power is on", on.raw());

    BmcReading off = agent.forceOff(Duration.ofSeconds(10));
    assertEquals(BmcPower.OFF, off.power(), off.toString());
    assertEquals("0", sim.chassisPower(), "ipmi_sim's chassis was switched off");
    assertEquals(BmcPower.OFF, agent.powerState().power());
    assertEquals(BmcPower.OFF, agent.forceOff(Duration.ofSeconds(1)).power(), "off stays off");
  }

  @Test
  void aWrongPasswordReadsUnknown() throws Exception {
    BmcReading r = agent("not-" + IpmiSimulator.PASSWORD).powerState();
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertTrue(r.reason().startsWith("ipmitool exited with 1"), r.reason());
    assertTrue(r.reason().contains("Unable to establish IPMI v2 / RMCP+ session"), r.reason());
    assertEquals("1", sim.chassisPower());
  }

  @Test
  void aMissingIpmitoolReadsUnknownWithHowToInstallIt() {
    BmcTarget target = new BmcTarget(BmcKind.IPMI, sim.address(), IpmiSimulator.USER,
        RedfishTestSupport.password(IpmiSimulator.PASSWORD), null, null);
    FenceAgent agent = new IpmiToolAgent(target, OPTIONS.withIpmitool("/nonexistent/ipmitool", 3), new SystemProcessRunner());
    BmcReading r = agent.powerState();
    assertEquals(BmcPower.UNKNOWN, r.power());
    assertTrue(r.reason().contains("install the ipmitool package"), r.reason());
    FenceRefusedException e = org.junit.jupiter.api.Assertions.assertThrows(FenceRefusedException.class,
        () -> new IpmiToolAgent(target, OPTIONS.withIpmitool("/nonexistent/ipmitool", 3),
            (cmd, env, t) -> cmd.contains("off") ? new SystemProcessRunner().run(cmd, env, t)
                : new ProcessRunner.Result(0, "Chassis Power is on\n", "")).forceOff(Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("install the ipmitool package"), e.getMessage());
  }
}
