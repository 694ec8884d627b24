package io.poolrescue.pool.fence;

import static io.poolrescue.pool.fence.RedfishTestSupport.OPTIONS;
import static io.poolrescue.pool.fence.RedfishTestSupport.PASSWORD;
import static io.poolrescue.pool.fence.RedfishTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The BMC password (and what is derived from it) is in no reading, exception message or log line. */
class FenceSecretsTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger fenceLog = (Logger) LoggerFactory.getLogger("io.poolrescue.pool.fence");
  private final List<String> seen = new ArrayList<>();
  private Level levelBefore;
  private FakeRedfish bmc;

  @BeforeEach
  void capture() throws Exception {
    levelBefore = fenceLog.getLevel();
    fenceLog.setLevel(Level.TRACE);
    fenceLog.setAdditive(false); // captured here, not printed
    logs.start();
    fenceLog.addAppender(logs);
    bmc = FakeRedfish.http(PASSWORD);
  }

  @AfterEach
  void release() {
    bmc.close();
    fenceLog.detachAppender(logs);
    fenceLog.setAdditive(true);
    fenceLog.setLevel(levelBefore);
  }

  private void keep(BmcReading r) {
    seen.add(r.toString());
  }

  private void keep(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        seen.add(String.valueOf(t.getMessage()));
        seen.add(t.toString());
      }
    }
  }

  @Test
  void redfishNeverShowsThePasswordOrTheToken() {
    FakeRedfish.ComputerSystem s = bmc.system("1", "SN-1", "On");
    RedfishAgent agent = new RedfishAgent(target(bmc.url(), null), OPTIONS);
    keep(agent.powerState());
    keep(agent.forceOff(Duration.ofSeconds(2)));
    // a BMC that echoes what it was sent in its error message
    s.power.clear();
    s.power.add("On");
    bmc.override("POST", s.path() + "/Actions/ComputerSystem.Reset", req -> FakeRedfish.error(400,
        "Base.1.8.PropertyValueError", "rejected for user fence with password " + PASSWORD + " token " + req.token()));
    keep(() -> agent.forceOff(Duration.ofSeconds(1)));
    bmc.override("GET", s.path(), req -> FakeRedfish.error(500, "Base.1.8.InternalError", "internal: " + PASSWORD));
    keep(agent.powerState());
    bmc.overrides.clear();
    bmc.sessionService = false; // Basic: the header carries the password
    keep(agent.powerState());
    bmc.override("GET", s.path(), req -> FakeRedfish.error(403, "Base.1.8.InsufficientPrivilege",
        "header was " + req.authorization()));
    keep(agent.powerState());
    keep(new RedfishAgent(target(bmc.url(), null, "wrong-" + PASSWORD, null), OPTIONS).powerState());
    keep(() -> new RedfishAgent(target("http://192.0.2.1", null), OPTIONS));

    assertTrue(seen.stream().anyMatch(t -> t.contains("***")), "the echoed secret was redacted: " + seen);
    List<String> secrets = new ArrayList<>(List.of(PASSWORD, basic(PASSWORD)));
    secrets.addAll(bmc.issuedTokens);
    assertNoSecret(secrets);
  }

  @Test
  void ipmitoolNeverGetsThePasswordOnItsCommandLine() {
    List<List<String>> commands = new ArrayList<>();
    List<Map<String, String>> envs = new ArrayList<>();
    ProcessRunner runner = (cmd, env, timeout) -> {
      commands.add(cmd);
      envs.add(env);
      return new ProcessRunner.Result(1, "", "Error: Unable to establish IPMI v2 / RMCP+ session for " + PASSWORD);
    };
    BmcTarget t = new BmcTarget(BmcKind.IPMI, "127.0.0.1:6230", "fence", RedfishTestSupport.password(PASSWORD), null, null);
    IpmiToolAgent agent = new IpmiToolAgent(t, OPTIONS, runner);
    keep(agent.powerState());
    keep(() -> agent.forceOff(Duration.ofSeconds(1)));
    assertTrue(commands.stream().noneMatch(c -> String.join(" ", c).contains(PASSWORD)), commands.toString());
    assertTrue(envs.stream().allMatch(e -> PASSWORD.equals(e.get("IPMI_PASSWORD"))));
    assertNoSecret(List.of(PASSWORD));
  }

  private void assertNoSecret(List<String> secrets) {
    List<String> texts = new ArrayList<>(seen);
    for (ILoggingEvent e : logs.list) {
      texts.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        texts.add(t.getMessage());
      }
    }
    assertFalse(logs.list.isEmpty(), "the agents log what they do");
    for (String text : texts) {
      for (String secret : secrets) {
        assertFalse(text != null && text.contains(secret), "a secret in: " + text);
      }
    }
  }

  private static String basic(String password) {
    return Base64.getEncoder().encodeToString((FakeRedfish.USER + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
