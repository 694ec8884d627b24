package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.xapi.JsonRpcTransport;
import io.poolrescue.simulator.xapi.JsonRpcCodec;
import io.poolrescue.simulator.xapi.JsonRpcRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRpcCodecTest {
  private final ObjectMapper json = new ObjectMapper();
  private final JsonRpcCodec codec = new JsonRpcCodec(json);

  private JsonRpcRequest decode(String body) throws JsonRpcCodec.BadRequest {
    return codec.decode(body.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode tree(byte[] bytes) throws Exception {
    return json.readTree(bytes);
  }

  @Test
  void decodesVersion2AndVersion1Requests() throws Exception {
    JsonRpcRequest v2 = decode("{\"jsonrpc\":\"2.0\",\"method\":\"pool.get_all\",\"params\":[\"s\"],\"id\":7}");
    assertTrue(v2.v2());
    assertEquals("pool.get_all", v2.method());
    assertEquals(1, v2.params().size());
    assertEquals(7, v2.id().asInt());

    JsonRpcRequest v1 = decode("{\"method\":\"pool.get_all\",\"params\":[\"s\"],\"id\":\"abc\"}");
    assertFalse(v1.v2());
    assertEquals("abc", v1.id().asText());
  }

  @Test
  void missingParamsIsAnEmptyList() throws Exception {
    assertEquals(0, decode("{\"jsonrpc\":\"2.0\",\"method\":\"system.listMethods\",\"id\":1}").params().size());
  }

  @Test
  void malformedBodiesAreRefusedWithJsonRpcCodes() {
    JsonRpcCodec.BadRequest parse = assertThrows(JsonRpcCodec.BadRequest.class, () -> decode("{\"method\":"));
    assertEquals(-32700, parse.code);
    assertEquals(-32600, assertThrows(JsonRpcCodec.BadRequest.class, () -> decode("[1,2]")).code);
    assertEquals(-32600, assertThrows(JsonRpcCodec.BadRequest.class,
        () -> decode("{\"jsonrpc\":\"2.0\",\"params\":[],\"id\":1}")).code);
    assertEquals(-32600, assertThrows(JsonRpcCodec.BadRequest.class,
        () -> decode("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":[]}")).code, "notifications are refused");
    assertEquals(-32600, assertThrows(JsonRpcCodec.BadRequest.class,
        () -> decode("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{},\"id\":1}")).code);
    assertEquals(-32600, assertThrows(JsonRpcCodec.BadRequest.class,
        () -> decode("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":null}")).code);
  }

  @Test
  void version2ErrorHasXapiShape() throws Exception {
    JsonRpcRequest r = decode("{\"jsonrpc\":\"2.0\",\"method\":\"host.destroy\",\"params\":[],\"id\":3}");
    JsonNode reply = tree(codec.xapiError(r, "HOST_IS_LIVE", List.of("OpaqueRef:h1")));
    assertEquals("2.0", reply.get("jsonrpc").asText());
    assertEquals(1, reply.get("error").get("code").asInt());
    assertEquals("HOST_IS_LIVE", reply.get("error").get("message").asText());
    assertEquals("OpaqueRef:h1", reply.get("error").get("data").get(0).asText());
    assertEquals(3, reply.get("id").asInt());
    assertFalse(reply.has("result"));
  }

  @Test
  void version1RepliesUseTheOldShape() throws Exception {
    JsonRpcRequest r = decode("{\"method\":\"host.destroy\",\"params\":[],\"id\":3}");
    JsonNode error = tree(codec.xapiError(r, "HOST_IS_LIVE", List.of("OpaqueRef:h1")));
    assertTrue(error.get("result").isNull());
    assertEquals("[\"HOST_IS_LIVE\",\"OpaqueRef:h1\"]", error.get("error").toString());
    JsonNode ok = tree(codec.result(r, List.of("a")));
    assertTrue(ok.get("error").isNull());
    assertEquals("[\"a\"]", ok.get("result").toString());
    assertFalse(ok.has("jsonrpc"));
  }

  @Test
  void clientReadsBothErrorDialectsBack() throws Exception {
    JsonRpcRequest v2 = decode("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":1}");
    JsonRpcRequest v1 = decode("{\"method\":\"m\",\"id\":1}");
    for (JsonRpcRequest r : List.of(v2, v1)) {
      XapiException e = JsonRpcTransport.toException(
          tree(codec.xapiError(r, "VM_BAD_POWER_STATE", List.of("OpaqueRef:v", "halted", "running"))).get("error"));
      assertEquals("VM_BAD_POWER_STATE", e.code());
      assertEquals(List.of("OpaqueRef:v", "halted", "running"), e.params());
    }
    XapiException protocol = JsonRpcTransport.toException(
        tree(codec.protocolError(-32700, "Parse error", null)).get("error"));
    assertEquals("INTERNAL_ERROR", protocol.code());
    assertTrue(protocol.params().get(0).contains("-32700"));
  }
}
