package io.poolrescue.client.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Every string value of a JSON document, plus its base64 decoding when it is base64 (payload bytes are). */
final class JsonLeaves {
  private JsonLeaves() {}

  static List<String> decodedStrings(String json) {
    List<String> out = new ArrayList<>();
    try {
      collect(new ObjectMapper().readTree(json), out);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    return out;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
      try {
        out.add(new String(Base64.getDecoder().decode(node.asText()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // plain text only
      }
    }
    node.forEach(child -> collect(child, out));
  }
}
