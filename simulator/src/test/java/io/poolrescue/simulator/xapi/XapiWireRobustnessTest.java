package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.simulator.SimulatedPool;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the wire gets a clear error and changes nothing; the server keeps serving. Each test
 * ends by checking that a normal call still works and that the journal saw no mutation.
 */
class XapiWireRobustnessTest {
  private static final long RPC_LIMIT = 64 * 1024;
  private static final long UPLOAD_LIMIT = 128 * 1024;

  private WireFixture f;
  private RawHttp raw;

  @BeforeEach
  void start() {
    f = new WireFixture(SimulatedPool.preset("small"),
        XapiServerOptions.defaults().withLimits(RPC_LIMIT, UPLOAD_LIMIT));
    raw = new RawHttp(f.server.uri("127.0.10.1"));
  }

  @AfterEach
  void stillServingAndNothingChanged() {
    try {
      String session = raw.login();
      RawHttp.Reply pools = raw.call("pool.get_all", "[\"" + session + "\"]");
      assertEquals(1, pools.json().get("result").size(), "a normal call works afterwards");
      assertEquals(0, f.sim.journal().size(), "bad input changed nothing");
    } finally {
      f.close();
    }
  }

  @Test
  void malformedJsonIsAJsonRpcParseError() {
    RawHttp.Reply r = raw.post("/jsonrpc", "{\"jsonrpc\":\"2.0\",\"method\":\"pool.get_all\",");
    assertEquals(200, r.status());
    assertEquals("application/json", r.contentType());
    assertEquals(-32700, r.error().get("code").asInt());
    assertTrue(r.json().get("id").isNull());
    assertEquals(-32700, raw.post("/jsonrpc", new byte[] {(byte) 0xff, 0x00, 0x13}).error().get("code").asInt());
  }

  @Test
  void requestsThatAreNotJsonRpcAreInvalidRequests() {
    assertEquals(-32600, raw.post("/jsonrpc", "[]").error().get("code").asInt());
    assertEquals(-32600, raw.post("/jsonrpc", "\"hello\"").error().get("code").asInt());
    RawHttp.Reply noMethod = raw.post("/jsonrpc", "{\"jsonrpc\":\"2.0\",\"params\":[],\"id\":5}");
    assertEquals(-32600, noMethod.error().get("code").asInt());
    assertEquals(5, noMethod.json().get("id").asInt());
    RawHttp.Reply noId = raw.post("/jsonrpc", "{\"jsonrpc\":\"2.0\",\"method\":\"system.listMethods\",\"params\":[]}");
    assertTrue(noId.error().get("message").asText().contains("notifications"), noId.json().toString());
    assertEquals(-32600, raw.post("/jsonrpc",
        "{\"jsonrpc\":\"2.0\",\"method\":\"pool.get_all\",\"params\":\"s\",\"id\":1}").error().get("code").asInt());
  }

  @Test
  void unknownMethodIsMessageMethodUnknown() {
    assertEquals("MESSAGE_METHOD_UNKNOWN [\"VM.frobnicate\"]", raw.call("VM.frobnicate", "[\"x\"]").xapiError());
    assertEquals("MESSAGE_METHOD_UNKNOWN [\"no_such_class.get_all\"]", raw.call("no_such_class.get_all", "[]").xapiError());
  }

  @Test
  void missingOrInvalidSessionIsRefused() {
    assertEquals("MESSAGE_PARAMETER_COUNT_MISMATCH [\"pool.get_all\",\"0\",\"-1\"]",
        raw.call("pool.get_all", "[]").xapiError(), "xapi counts without the session, on both sides");
    assertEquals("SESSION_INVALID [\"OpaqueRef:forged\"]", raw.call("pool.get_all", "[\"OpaqueRef:forged\"]").xapiError());
    assertEquals("INTERNAL_ERROR", raw.call("pool.get_all", "[42]").error().get("message").asText());
    String session = raw.login();
    raw.call("session.logout", "[\"" + session + "\"]");
    assertEquals("SESSION_INVALID [\"" + session + "\"]", raw.call("pool.get_all", "[\"" + session + "\"]").xapiError());
  }

  @Test
  void wrongParameterTypesAreInternalErrorsAndCountsExcludeTheSession() {
    String s = "\"" + raw.login() + "\"";
    PoolSnapshot snap = f.sim.snapshot();
    String vm = "\"" + snap.vms().stream().filter(v -> !v.controlDomain()).findFirst().orElseThrow().ref() + "\"";
    String host = "\"" + snap.hosts().get(1).ref() + "\"";
    assertTypeError("self", raw.call("host.get_record", "[" + s + ",42]"));
    assertTypeError("start_paused", raw.call("VM.start_on", "[" + s + "," + vm + "," + host + ",\"no\",false]"));
    assertTypeError("configuration", raw.call("pool.enable_ha", "[" + s + ",[],[\"not\",\"a\",\"map\"]]"));
    assertEquals("MESSAGE_PARAMETER_COUNT_MISMATCH [\"VM.start_on\",\"4\",\"2\"]",
        raw.call("VM.start_on", "[" + s + "," + vm + "," + host + "]").xapiError());
    assertEquals("MESSAGE_PARAMETER_COUNT_MISMATCH [\"VM.start_on\",\"4\",\"5\"]",
        raw.call("VM.start_on", "[" + s + "," + vm + "," + host + ",false,false,true]").xapiError());
    assertEquals("MESSAGE_PARAMETER_COUNT_MISMATCH [\"session.login_with_password\",\"4\",\"1\"]",
        raw.call("session.login_with_password", "[\"root\"]").xapiError());
  }

  /** INTERNAL_ERROR with one parameter that names the parameter and what it got. */
  private static void assertTypeError(String param, RawHttp.Reply reply) {
    JsonNode e = reply.error();
    assertEquals("INTERNAL_ERROR", e.get("message").asText(), reply.json().toString());
    assertEquals(1, e.get("data").size());
    assertTrue(e.get("data").get(0).asText().contains("parameter " + param + " "), e.toString());
  }

  @Test
  void unknownRefsAndUuidsAreHandleAndUuidInvalid() {
    String s = "\"" + raw.login() + "\"";
    assertEquals("HANDLE_INVALID [\"host\",\"OpaqueRef:nope\"]",
        raw.call("host.destroy", "[" + s + ",\"OpaqueRef:nope\"]").xapiError());
    assertEquals("HANDLE_INVALID [\"VM\",\"OpaqueRef:NULL\"]",
        raw.call("VM.get_power_state", "[" + s + ",\"OpaqueRef:NULL\"]").xapiError());
    assertEquals("UUID_INVALID [\"VM\",\"0000\"]", raw.call("VM.get_by_uuid", "[" + s + ",\"0000\"]").xapiError());
    assertEquals("HANDLE_INVALID [\"task\",\"OpaqueRef:gone\"]",
        raw.call("task.get_status", "[" + s + ",\"OpaqueRef:gone\"]").xapiError());
    String hostRef = f.sim.snapshot().hosts().get(0).ref();
    assertEquals("HANDLE_INVALID [\"VM\",\"" + hostRef + "\"]",
        raw.call("VM.get_record", "[" + s + ",\"" + hostRef + "\"]").xapiError(), "a host's ref is not a VM's");
  }

  @Test
  void oversizedRpcBodyIsRefusedWith413() {
    String padding = "x".repeat((int) RPC_LIMIT);
    RawHttp.Reply r = raw.post("/jsonrpc", "{\"jsonrpc\":\"2.0\",\"method\":\"system.listMethods\",\"params\":[\""
        + padding + "\"],\"id\":1}");
    assertEquals(413, r.status());
    assertEquals("application/json", r.contentType());
    assertTrue(r.error().get("message").asText().contains(Long.toString(RPC_LIMIT)));
  }

  @Test
  void putWithoutContentLengthIsABadRequestAndFailsTheTask() {
    String s = raw.login();
    String task = raw.call("task.create", "[\"" + s + "\",\"restore\",\"\"]").json().get("result").asText();
    RawHttp.Reply r = raw.send(HttpRequest.newBuilder(f.server.uri("127.0.10.1")
            .resolve("/pool/xmldbdump?dry_run=true&session_id=" + s + "&task_id=" + task))
        .PUT(HttpRequest.BodyPublishers.fromPublisher(chunked(new byte[2048]))));
    assertEquals(400, r.status());
    assertEquals("failure", raw.call("task.get_status", "[\"" + s + "\",\"" + task + "\"]").json().get("result").asText());
  }

  @Test
  void oversizedUploadIsRefusedWith413AndFailsTheTask() {
    String s = raw.login();
    String task = raw.call("task.create", "[\"" + s + "\",\"import\",\"\"]").json().get("result").asText();
    RawHttp.Reply r = raw.send(HttpRequest.newBuilder(f.server.uri("127.0.10.1")
            .resolve("/import_metadata?dry_run=true&session_id=" + s + "&task_id=" + task))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) UPLOAD_LIMIT + 1])));
    assertEquals(413, r.status());
    JsonNode info = raw.call("task.get_error_info", "[\"" + s + "\",\"" + task + "\"]").json().get("result");
    assertTrue(info.get(1).asText().contains("exceeds"), info.toString());
  }

  @Test
  void httpHandlerWithABadSessionIsUnauthorizedAndFailsTheTask() {
    String s = raw.login();
    String task = raw.call("task.create", "[\"" + s + "\",\"dump\",\"\"]").json().get("result").asText();
    RawHttp.Reply r = raw.send(HttpRequest.newBuilder(f.server.uri("127.0.10.1")
        .resolve("/pool/xmldbdump?session_id=OpaqueRef:forged&task_id=" + task)).GET());
    assertEquals(401, r.status());
    JsonNode info = raw.call("task.get_error_info", "[\"" + s + "\",\"" + task + "\"]").json().get("result");
    assertEquals("[\"SESSION_AUTHENTICATION_FAILED\"]", info.toString());
    assertEquals(404, raw.send(HttpRequest.newBuilder(f.server.uri("127.0.10.1")
        .resolve("/pool/xmldbdump?session_id=" + s + "&task_id=OpaqueRef:nope")).GET()).status());
  }

  @Test
  void onlyPostReachesJsonRpcAndLegacyPathWorks() {
    assertEquals(405, raw.send(HttpRequest.newBuilder(f.server.uri("127.0.10.1").resolve("/jsonrpc")).GET()).status());
    RawHttp.Reply legacy = raw.post("/json", "{\"jsonrpc\":\"2.0\",\"method\":\"system.listMethods\",\"params\":[],\"id\":9}");
    assertTrue(legacy.json().get("result").isArray());
  }

  @Test
  void version1RequestsGetVersion1Replies() {
    RawHttp.Reply ok = raw.post("/jsonrpc", "{\"method\":\"session.login_with_password\",\"params\":[\"root\","
        + "\"poolrescue-sim\"],\"id\":\"a\"}");
    assertFalse(ok.json().has("jsonrpc"));
    assertTrue(ok.json().get("error").isNull());
    assertTrue(ok.json().get("result").asText().startsWith("OpaqueRef:"));
    RawHttp.Reply bad = raw.post("/jsonrpc", "{\"method\":\"session.login_with_password\",\"params\":[\"root\","
        + "\"wrong\"],\"id\":\"b\"}");
    assertEquals("[\"SESSION_AUTHENTICATION_FAILED\",\"root\",\"Authentication failure\"]", bad.error().toString());
    assertEquals("b", bad.json().get("id").asText());
  }

  @Test
  void concurrentClientsMixingGoodAndBadCallsAllGetTheirOwnAnswer() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int id = t;
        results.add(pool.submit(() -> {
          RawHttp mine = new RawHttp(f.server.uri("127.0.10.1"));
          String s = mine.login();
          int good = 0;
          for (int i = 0; i < 50; i++) {
            switch ((i + id) % 4) {
              case 0 -> assertEquals(-32700, mine.post("/jsonrpc", "{oops").error().get("code").asInt());
              case 1 -> assertEquals("SESSION_INVALID [\"bad\"]", mine.call("host.get_all", "[\"bad\"]").xapiError());
              case 2 -> assertEquals("MESSAGE_METHOD_UNKNOWN [\"x.y\"]", mine.call("x.y", "[]").xapiError());
              default -> {
                assertEquals(3, mine.call("host.get_all", "[\"" + s + "\"]").json().get("result").size());
                good++;
              }
            }
          }
          return good;
        }));
      }
      int good = 0;
      for (Future<Integer> r : results) {
        good += r.get();
      }
      assertEquals(8 * 50 / 4, good);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A body publisher of unknown length, so the request goes chunked without Content-Length. */
  private static Flow.Publisher<ByteBuffer> chunked(byte[] bytes) {
    return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
  }
}
