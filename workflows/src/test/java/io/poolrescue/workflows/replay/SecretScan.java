package io.poolrescue.workflows.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Looks for a secret in text the way it could leak: as is, JSON-escaped inside a string, inside
 * base64 payload bytes (Temporal payloads are base64 in exported histories), or itself base64-encoded
 * at any alignment within a larger encoded blob.
 */
public final class SecretScan {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String secret;
  private final List<String> encodedForms = new ArrayList<>();

  public SecretScan(String secret) {
    this.secret = secret;
    byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
    for (int pad = 0; pad < 3; pad++) {
      byte[] shifted = new byte[pad + raw.length];
      System.arraycopy(raw, 0, shifted, pad, raw.length);
      String b64 = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      // characters touched by the padding bytes or the unknown next bytes are not part of the stable core
      int from = (pad * 4 + 2) / 3;
      int to = ((pad + raw.length) * 4) / 3 - 1;
      encodedForms.add(b64.substring(from, Math.max(from, to)));
    }
  }

  /** Where the secret shows up in this text; empty when it does not. */
  public List<String> findIn(String text, String where) {
    List<String> found = new ArrayList<>();
    if (text.contains(secret)) {
      found.add(where + ": in clear text");
    }
    for (String form : encodedForms) {
      if (text.contains(form)) {
        found.add(where + ": base64-encoded");
      }
    }
    JsonNode tree = parseOrNull(text);
    if (tree != null) {
      scanJson(tree, where, found);
    }
    return found;
  }

  private void scanJson(JsonNode node, String where, List<String> found) {
    if (node.isTextual()) {
      String s = node.asText();
      if (s.contains(secret)) {
        found.add(where + ": in a JSON string");
      }
      try {
        String decoded = new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        if (decoded.contains(secret) || encodedForms.stream().anyMatch(decoded::contains)) {
          found.add(where + ": inside base64 payload bytes");
        }
      } catch (IllegalArgumentException notBase64) {
        // only text
      }
      return;
    }
    node.forEach(child -> scanJson(child, where, found));
  }

  private static JsonNode parseOrNull(String text) {
    String t = text.stripLeading();
    if (!(t.startsWith("{") || t.startsWith("["))) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
