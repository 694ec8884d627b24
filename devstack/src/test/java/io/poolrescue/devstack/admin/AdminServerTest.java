package io.poolrescue.devstack.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.client.admin.AdminJson;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.simulator.SimulatedPool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private SimulatedPool sim;
  private AdminServer server;

  @BeforeEach
  void start() throws Exception {
    sim = SimulatedPool.preset("small");
    DevStackInfo info = new DevStackInfo("127.0.0.1:1", "default", "http://x", "127.0.10.1", "root", "/pw", "/b", "/k", "a", false,
        "/inv", "/policy.yaml", java.util.Map.of("alice", "/keys/alice"), "/webauthn.json");
    server = AdminServer.start(0, new DevPool(sim), () -> info);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listensOnLoopbackOnly() {
    assertTrue(server.url().startsWith("http://127.0.0.1:"));
  }

  @Test
  void injectsAFaultAndShowsItInThePoolSummary() throws Exception {
    HttpResponse<String> r = post("/faults", "{\"kind\":\"fail-host\",\"host\":\"host-3\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("power lost on host-3"), r.body());
    JsonNode pool = AdminJson.MAPPER.readTree(get("/pool").body());
    JsonNode h3 = null;
    for (JsonNode h : pool.get("hosts")) {
      if (h.get("name").asText().equals("host-3")) {
        h3 = h;
      }
    }
    assertTrue(h3 != null && h3.get("machine").asText().startsWith("down"), pool.toString());
  }

  @Test
  void journalListsMutatingCalls() throws Exception {
    sim.vmPowerStateReset(sim.snapshot().vms().stream().filter(v -> v.nameLabel().equals("vm-12")).findFirst().orElseThrow().uuid());
    JsonNode journal = AdminJson.MAPPER.readTree(get("/journal").body());
    assertEquals(1, journal.size(), journal.toString());
    assertEquals("VM.power_state_reset", journal.get(0).get("call").asText());
  }

  @Test
  void badRequestsAre400WithAnError() throws Exception {
    HttpResponse<String> r = post("/faults", "{\"kind\":\"fail-host\",\"host\":\"host-9\"}");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("no host 'host-9'"), r.body());
    r = post("/faults", "{\"kind\":\"melt\"}");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("bad JSON"), r.body());
    r = post("/faults", "{not json");
    assertEquals(400, r.statusCode());
    assertEquals(405, get("/faults").statusCode());
    assertEquals(0, sim.journal().size(), "nothing changed");
  }

  @Test
  void infoSaysWhereEverythingIs() throws Exception {
    JsonNode info = AdminJson.MAPPER.readTree(get("/info").body());
    assertEquals("127.0.10.1", info.get("masterAddress").asText());
  }
}
