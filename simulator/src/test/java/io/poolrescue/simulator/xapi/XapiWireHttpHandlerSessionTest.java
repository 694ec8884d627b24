package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP handlers' session check: a bad session is HTTP 401 and the task fails
 * {@code SESSION_AUTHENTICATION_FAILED []}; {@code /host_restore} takes no local session.
 */
class XapiWireHttpHandlerSessionTest {
  private WireFixture f;
  private RawHttp master;

  @BeforeEach
  void start() {
    f = WireFixture.small();
    master = new RawHttp(f.server.uri(WireFixture.MASTER));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String task(String session) {
    return master.call("task.create", "[\"" + session + "\",\"t\",\"\"]").json().get("result").asText();
  }

  private String errorInfo(String session, String task) {
    return master.call("task.get_error_info", "[\"" + session + "\",\"" + task + "\"]").json().get("result").toString();
  }

  private RawHttp.Reply send(String address, String verb, String pathAndQuery) {
    HttpRequest.Builder b = HttpRequest.newBuilder(f.server.uri(address).resolve(pathAndQuery));
    return new RawHttp(f.server.uri(address)).send("PUT".equals(verb)
        ? b.PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[16])) : b.GET());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"PUT,/pool/xmldbdump", "GET,/pool/xmldbdump", "GET,/host_backup", "PUT,/host_restore",
      "PUT,/import_metadata", "GET,/export_metadata"})
  void aForgedSessionIs401AndTheTaskFails(String verb, String path) {
    String s = master.login();
    String task = task(s);
    int before = f.sim.journal().size();
    RawHttp.Reply r = send(WireFixture.MASTER, verb, path + "?session_id=OpaqueRef:forged&task_id=" + task);
    assertEquals(401, r.status());
    assertEquals("[\"SESSION_AUTHENTICATION_FAILED\"]", errorInfo(s, task));
    assertEquals(before, f.sim.journal().size(), "nothing ran");
  }

  @Test
  void hostRestoreRefusesALocalSessionButTakesOneOfTheMaster() {
    byte[] backup = f.sim.hostBackup(f.hostAt(WireFixture.MEMBER_2).uuid());
    RawHttp member = new RawHttp(f.server.uri(WireFixture.MEMBER_2));
    String local = member.call("session.slave_local_login_with_password", "[\"root\",\"poolrescue-sim\"]")
        .json().get("result").asText();
    String s = master.login();
    String task = task(s);
    RawHttp.Reply refused = member.send(HttpRequest.newBuilder(f.server.uri(WireFixture.MEMBER_2)
        .resolve("/host_restore?session_id=" + local + "&task_id=" + task)).PUT(HttpRequest.BodyPublishers.ofByteArray(backup)));
    assertEquals(401, refused.status());
    assertEquals("[\"SESSION_AUTHENTICATION_FAILED\"]", errorInfo(s, task));
    assertTrue(f.sim.journal().entries().stream().noneMatch(e -> e.call().equals("PUT /host_restore")));

    String task2 = task(s);
    RawHttp.Reply ok = member.send(HttpRequest.newBuilder(f.server.uri(WireFixture.MEMBER_2)
        .resolve("/host_restore?session_id=" + s + "&task_id=" + task2)).PUT(HttpRequest.BodyPublishers.ofByteArray(backup)));
    assertEquals(200, ok.status());
    assertEquals("success", master.call("task.get_status", "[\"" + s + "\",\"" + task2 + "\"]").json().get("result").asText());
  }

  @Test
  void aLocalSessionStillServesTheOtherHostLocalHandlers() {
    RawHttp member = new RawHttp(f.server.uri(WireFixture.MEMBER_2));
    String local = member.call("session.slave_local_login_with_password", "[\"root\",\"poolrescue-sim\"]")
        .json().get("result").asText();
    RawHttp.Reply backup = send(WireFixture.MEMBER_2, "GET", "/host_backup?session_id=" + local);
    assertEquals(200, backup.status());
    assertTrue(backup.body().length > 0);
  }

  @Test
  void aBooleanFlagIsTrueOnlyForExactlyTrue() {
    Map<String, Boolean> cases = Map.of("true", true, "TRUE", false, "True", false, "1", false, "yes", false, "", false);
    cases.forEach((value, expected) -> assertEquals(expected,
        new HttpAction.Request("a", "h", null, Map.of("dry_run", value), null, null).flag("dry_run"), value));
    assertFalse(new HttpAction.Request("a", "h", null, Map.of(), null, null).flag("dry_run"), "absent is false");
  }
}
