package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One decoded JSON-RPC request. {@code v2} says which reply dialect the caller speaks: XAPI answers
 * 1.0 requests (no {@code "jsonrpc":"2.0"}) in the 1.0 shape.
 */
public record JsonRpcRequest(JsonNode id, String method, ArrayNode params, boolean v2) {}
