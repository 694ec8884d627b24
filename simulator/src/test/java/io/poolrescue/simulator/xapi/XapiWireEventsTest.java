package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.model.Vm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code event.inject} and {@code event.from}: tokens, changes since a token, waiting, EVENTS_LOST. */
class XapiWireEventsTest {
  private WireFixture f;
  private RawHttp raw;
  private String s;

  @BeforeEach
  void start() {
    f = WireFixture.small();
    raw = new RawHttp(f.server.uri(WireFixture.MASTER));
    s = "\"" + raw.login() + "\"";
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private JsonNode result(String method, String params) {
    RawHttp.Reply r = raw.call(method, params);
    assertTrue(r.error() == null || r.error().isNull(), method + ": " + r.json());
    return r.json().get("result");
  }

  private JsonNode from(String classes, String token, double timeout) {
    return result("event.from", "[" + s + "," + classes + ",\"" + token + "\"," + timeout + "]");
  }

  private Vm vm12() {
    return f.sim.snapshot().vms().stream().filter(v -> v.nameLabel().equals("vm-12")).findFirst().orElseThrow();
  }

  private static List<String> ops(JsonNode batch, String cls) {
    List<String> out = new ArrayList<>();
    batch.get("events").forEach(e -> {
      if (e.get("class").asText().equals(cls)) {
        out.add(e.get("operation").asText() + " " + e.get("ref").asText() + " "
            + e.get("snapshot").path("power_state").asText());
      }
    });
    return out;
  }

  @Test
  void theEmptyTokenGivesEveryObjectAsAddAndCounts() {
    JsonNode all = from("[\"VM\",\"host\"]", "", 0.1);
    int vms = f.sim.snapshot().vms().size();
    assertEquals(vms, all.get("valid_ref_counts").get("vm").asInt());
    assertEquals(3, all.get("valid_ref_counts").get("host").asInt());
    assertEquals(vms + 3, all.get("events").size());
    all.get("events").forEach(e -> assertEquals("add", e.get("operation").asText()));
    assertTrue(all.get("token").asText().matches("\\d+"));
  }

  @Test
  void aChangeAfterTheInjectedTokenIsTheOnlyEvent() {
    String pool = f.sim.snapshot().pool().ref();
    String token = result("event.inject", "[" + s + ",\"pool\",\"" + pool + "\"]").asText();
    Vm v = vm12();
    result("VM.start", "[" + s + ",\"" + v.ref() + "\",false,false]");
    JsonNode batch = from("[\"vm\"]", token, 1);
    assertEquals(List.of("mod " + v.ref() + " Running"), ops(batch, "vm"));
    assertNotEquals(token, batch.get("token").asText());
    JsonNode quiet = from("[\"vm\"]", batch.get("token").asText(), 0.3);
    assertEquals(0, quiet.get("events").size(), "nothing changed since");
    assertEquals(batch.get("token").asText(), quiet.get("token").asText());
  }

  @Test
  void aWaitingCallWakesOnAChange() throws Exception {
    String token = from("[\"vm\"]", "", 0).get("token").asText();
    Vm v = vm12();
    CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> from("[\"vm\"]", token, 30));
    Thread.sleep(300);
    assertTrue(!waiting.isDone(), "nothing to tell yet: the call waits");
    long t0 = System.nanoTime();
    new RawHttp(f.server.uri(WireFixture.MASTER)).call("VM.start", "[" + s + ",\"" + v.ref() + "\",false,false]");
    JsonNode batch = waiting.get(10, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "woken by the change, not the timeout");
    assertEquals(List.of("mod " + v.ref() + " Running"), ops(batch, "vm"));
  }

  @Test
  void tasksAreEventsToo() {
    String token = from("[\"task\"]", "", 0).get("token").asText();
    String task = result("task.create", "[" + s + ",\"t\",\"\"]").asText();
    JsonNode batch = from("[\"task\"]", token, 1);
    assertEquals(1, batch.get("valid_ref_counts").get("task").asInt());
    assertEquals("add", batch.get("events").get(0).get("operation").asText());
    assertEquals(task, batch.get("events").get(0).get("ref").asText());
    result("task.destroy", "[" + s + ",\"" + task + "\"]");
    JsonNode gone = from("[\"task\"]", batch.get("token").asText(), 1);
    assertEquals("del", gone.get("events").get(0).get("operation").asText());
  }

  @Test
  void badTokensAndUnknownObjectsAreRefused() {
    assertEquals("EVENT_FROM_TOKEN_PARSE_FAILURE [\"garbage\"]",
        raw.call("event.from", "[" + s + ",[\"vm\"],\"garbage\",0.1]").xapiError());
    assertEquals("HANDLE_INVALID [\"VM\",\"OpaqueRef:nope\"]",
        raw.call("event.inject", "[" + s + ",\"VM\",\"OpaqueRef:nope\"]").xapiError());
  }

  @Test
  void aTokenOlderThanTheKeptDeletionsIsEventsLost() {
    String token = from("[\"task\"]", "", 0).get("token").asText();
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < 4097; i++) { // one more deletion than the log keeps
      tasks.add(result("task.create", "[" + s + ",\"t\",\"\"]").asText());
    }
    from("[\"task\"]", token, 0); // the log sees the tasks when event.from looks
    tasks.forEach(t -> result("task.destroy", "[" + s + ",\"" + t + "\"]"));
    String recent = from("[\"task\"]", "", 0).get("token").asText();
    assertEquals("EVENTS_LOST []", raw.call("event.from", "[" + s + ",[\"task\"],\"" + token + "\",0.1]").xapiError());
    assertEquals(0, from("[\"task\"]", recent, 0).get("events").size(), "a recent token still works");
  }
}
