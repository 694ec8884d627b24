package io.poolrescue.activities.pbd;

import io.poolrescue.activities.XapiFailures;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Device configs come from workflow requests, which end up in Temporal histories: they must carry
 * XAPI secret references ({@code password_secret}, {@code chappassword_secret}), never a password.
 */
final class DeviceConfigs {
  private DeviceConfigs() {}

  static void refuseSecrets(String srUuid, Map<String, String> config) {
    for (String key : config.keySet()) {
      String k = key.toLowerCase(Locale.ROOT);
      if (k.contains("password") && !k.endsWith("_secret")) {
        throw XapiFailures.invalid("device config of SR " + srUuid + " has key '" + key + "': pass a secret reference ('"
            + key + "_secret' = the uuid of an XAPI secret) instead of a password, requests are kept in workflow histories");
      }
    }
  }

  /** For evidence and logs: values of secret-looking keys are hidden. */
  static Map<String, String> redacted(Map<String, String> config) {
    Map<String, String> out = new TreeMap<>();
    config.forEach((k, v) -> {
      String lk = k.toLowerCase(Locale.ROOT);
      out.put(k, lk.contains("password") || lk.contains("secret") || lk.contains("chap") ? "***" : v);
    });
    return out;
  }
}
