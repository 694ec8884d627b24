package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.simulator.JournalEntry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions and tasks live in the memory of the agent that issued them: once that agent has
 * restarted (here: the machine lost power and came back) they are gone, as in xapi. The real
 * client then logs in again by itself.
 */
class XapiWireAgentRunTest {
  private WireFixture f;

  @BeforeEach
  void start() {
    f = WireFixture.small();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private void restartAgentOf(String address) {
    long run = f.sim.agentRun(address);
    String uuid = f.hostAt(address).uuid();
    f.sim.killHost(uuid);
    f.sim.bringBack(uuid);
    f.server.refresh();
    assertNotEquals(run, f.sim.agentRun(address), "the agent restarted");
  }

  @Test
  void poolSessionsAndTasksOfTheMastersEarlierRunAreGone() {
    RawHttp raw = new RawHttp(f.server.uri(WireFixture.MASTER));
    String session = raw.login();
    String task = raw.call("task.create", "[\"" + session + "\",\"t\",\"\"]").json().get("result").asText();
    RawHttp member = new RawHttp(f.server.uri(WireFixture.MEMBER_2));
    assertEquals(3, member.call("host.get_all", "[\"" + session + "\"]").json().get("result").size(),
        "a pool session is good at a member too");
    restartAgentOf(WireFixture.MASTER);
    int before = f.sim.journal().size();
    assertEquals("SESSION_INVALID [\"" + session + "\"]", raw.call("pool.get_all", "[\"" + session + "\"]").xapiError());
    assertEquals("SESSION_INVALID [\"" + session + "\"]",
        member.call("host.get_all", "[\"" + session + "\"]").xapiError());
    String fresh = raw.login();
    assertEquals("HANDLE_INVALID [\"task\",\"" + task + "\"]",
        raw.call("task.get_status", "[\"" + fresh + "\",\"" + task + "\"]").xapiError());
    assertEquals(0, raw.call("task.get_all", "[\"" + fresh + "\"]").json().get("result").size());
    assertEquals(before, f.sim.journal().size());
  }

  @Test
  void aLocalSessionEndsWithItsHostsAgentOnly() {
    RawHttp m2 = new RawHttp(f.server.uri(WireFixture.MEMBER_2));
    RawHttp m3 = new RawHttp(f.server.uri(WireFixture.MEMBER_3));
    String local2 = m2.call("session.slave_local_login_with_password", "[\"root\",\"poolrescue-sim\"]")
        .json().get("result").asText();
    String local3 = m3.call("session.slave_local_login_with_password", "[\"root\",\"poolrescue-sim\"]")
        .json().get("result").asText();
    restartAgentOf(WireFixture.MEMBER_2);
    assertEquals("SESSION_INVALID [\"" + local2 + "\"]",
        m2.call("host.is_in_emergency_mode", "[\"" + local2 + "\"]").xapiError());
    assertEquals(false, m3.call("host.is_in_emergency_mode", "[\"" + local3 + "\"]").json().get("result").asBoolean(),
        "another host's agent did not restart");
  }

  @Test
  void theClientLogsInAgainAfterTheMastersAgentRestarted() {
    String sr = f.sim.snapshot().srs().stream().filter(s -> s.shared()).findFirst().orElseThrow().uuid();
    try (XapiClient client = f.client(WireFixture.MEMBER_3)) {
      assertEquals(3, client.snapshot().hosts().size());
      restartAgentOf(WireFixture.MASTER);
      client.setDefaultSr(sr);
    }
    List<JournalEntry> sets = f.sim.journal().entries().stream()
        .filter(e -> e.call().equals("pool.set_default_SR")).toList();
    assertEquals(1, sets.size(), "the call ran once, after the new login");
    assertEquals("ok", sets.get(0).outcome());
    assertEquals(sr, f.sim.snapshot().srs().stream().filter(s -> s.ref().equals(f.sim.snapshot().pool().defaultSrRef()))
        .findFirst().orElseThrow().uuid());
  }
}
