package io.poolrescue.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** device_config may carry storage credentials (CIFS, iSCSI CHAP): never journal or log their values. */
final class Redact {
  private Redact() {}

  static Map<String, String> deviceConfig(Map<String, String> dc) {
    Map<String, String> out = new TreeMap<>();
    dc.forEach((k, v) -> {
      String key = k.toLowerCase(Locale.ROOT);
      boolean secret = key.contains("password") || key.contains("secret") || key.contains("chap");
      out.put(k, secret ? "<hidden>" : v);
    });
    return out;
  }
}
