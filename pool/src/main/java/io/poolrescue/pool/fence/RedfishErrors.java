package io.poolrescue.pool.fence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The human-readable part of a Redfish error body: {@code error.message} and {@code @Message.ExtendedInfo}. */
final class RedfishErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RedfishErrors() {}

  /** The messages joined with "; ", or null when the body holds none (not JSON, no error object). */
  static String message(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    JsonNode error = root.path("error");
    List<String> parts = new ArrayList<>();
    addText(parts, error.path("message"));
    for (JsonNode info : extendedInfo(error.isObject() ? error : root)) {
      addText(parts, info.path("Message"));
      if (info.path("Message").isMissingNode()) {
        addText(parts, info.path("MessageId"));
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static Iterable<JsonNode> extendedInfo(JsonNode holder) {
    JsonNode list = holder.path("@Message.ExtendedInfo");
    return list.isArray() ? list : List.of();
  }

  private static void addText(List<String> parts, JsonNode node) {
    if (node.isTextual() && !node.asText().isBlank() && !parts.contains(node.asText())) {
      parts.add(node.asText());
    }
  }
}
