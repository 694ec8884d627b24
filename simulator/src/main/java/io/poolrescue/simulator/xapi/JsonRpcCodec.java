package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.util.List;

/**
 * The server side of XAPI's JSON-RPC: decoding requests, encoding results and errors in the 2.0 or
 * 1.0 shape. XAPI errors use JSON-RPC error code 1 with the XAPI code as message and the parameters
 * as data. Requests that are not JSON-RPC at all get the standard JSON-RPC codes (-32700 parse
 * error, -32600 invalid request); real xapi answers those with HTTP 500 and an HTML page, which no
 * client can read, so this server deliberately answers in JSON instead.
 */
public final class JsonRpcCodec {
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;

  /** Thrown for a body that is not a usable JSON-RPC request. */
  public static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    public final int code;
    final transient JsonNode id;

    BadRequest(int code, String message, JsonNode id) {
      super(message);
      this.code = code;
      this.id = id;
    }
  }

  private final ObjectMapper json;

  public JsonRpcCodec(ObjectMapper json) {
    this.json = json;
  }

  public JsonRpcRequest decode(byte[] body) throws BadRequest {
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (IOException e) {
      throw new BadRequest(PARSE_ERROR, "Parse error: the body is not valid JSON", NullNode.getInstance());
    }
    if (tree == null || !tree.isObject()) {
      throw new BadRequest(INVALID_REQUEST, "Invalid Request: expected one JSON object (XAPI does not take batches)",
          NullNode.getInstance());
    }
    JsonNode id = tree.get("id");
    JsonNode idForReply = id == null ? NullNode.getInstance() : id;
    JsonNode method = tree.get("method");
    if (method == null || !method.isTextual() || method.asText().isEmpty()) {
      throw new BadRequest(INVALID_REQUEST, "Invalid Request: 'method' must be a non-empty string", idForReply);
    }
    if (id == null || id.isNull() || !(id.isTextual() || id.isIntegralNumber())) {
      throw new BadRequest(INVALID_REQUEST,
          "Invalid Request: 'id' must be a string or an integer (XAPI does not accept notifications)", idForReply);
    }
    JsonNode params = tree.get("params");
    ArrayNode array;
    if (params == null || params.isNull()) {
      array = json.createArrayNode();
    } else if (params.isArray()) {
      array = (ArrayNode) params;
    } else {
      throw new BadRequest(INVALID_REQUEST, "Invalid Request: 'params' must be an array", idForReply);
    }
    boolean v2 = "2.0".equals(tree.path("jsonrpc").asText(null));
    return new JsonRpcRequest(id, method.asText(), array, v2);
  }

  /** {@code result} is a plain value, a JSON tree, or JSON text already serialised ({@link RawValue}). */
  public byte[] result(JsonRpcRequest request, Object result) {
    ObjectNode reply = json.createObjectNode();
    if (request.v2()) {
      reply.put("jsonrpc", "2.0");
    }
    if (result instanceof RawValue raw) {
      reply.putRawValue("result", raw);
    } else {
      reply.set("result", result instanceof JsonNode n ? n : json.valueToTree(result));
    }
    if (!request.v2()) {
      reply.putNull("error");
    }
    reply.set("id", request.id());
    return bytes(reply);
  }

  public byte[] xapiError(JsonRpcRequest request, String code, List<String> params) {
    ObjectNode reply = json.createObjectNode();
    if (request.v2()) {
      reply.put("jsonrpc", "2.0");
      ObjectNode error = reply.putObject("error");
      error.put("code", 1);
      error.put("message", code);
      ArrayNode data = error.putArray("data");
      params.forEach(data::add);
    } else {
      reply.putNull("result");
      ArrayNode error = reply.putArray("error");
      error.add(code);
      params.forEach(error::add);
    }
    reply.set("id", request.id());
    return bytes(reply);
  }

  /**
   * The reply of a host in emergency mode to a call it refuses: {@code {"jsonrpc":"2.0",
   * "error":[CODE, params...],"id":0}}, whatever the request's id and version, as xapi sends it.
   */
  public byte[] emergencyError(String code, List<String> params) {
    ObjectNode reply = json.createObjectNode();
    reply.put("jsonrpc", "2.0");
    ArrayNode error = reply.putArray("error");
    error.add(code);
    params.forEach(error::add);
    reply.put("id", 0);
    return bytes(reply);
  }

  /** A JSON-RPC level error; always in the 2.0 shape since the request could not be read. */
  public byte[] protocolError(int code, String message, JsonNode id) {
    ObjectNode reply = json.createObjectNode();
    reply.put("jsonrpc", "2.0");
    ObjectNode error = reply.putObject("error");
    error.put("code", code);
    error.put("message", message);
    reply.set("id", id == null ? NullNode.getInstance() : id);
    return bytes(reply);
  }

  private byte[] bytes(JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
