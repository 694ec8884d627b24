package io.poolrescue.workflows.core;

import java.util.HashMap;
import java.util.Map;

/**
 * The highest signature counter each WebAuthn credential reported in this run: an assertion whose
 * counter does not grow is a replay or a cloned authenticator. Filled by the {@code decide}
 * handler, which also runs on replay, so the map is the same after a worker restart.
 */
final class SignCounts {
  private final Map<String, Long> last = new HashMap<>();

  long last(String credentialId) {
    return last.getOrDefault(credentialId, 0L);
  }

  void record(String credentialId, long count) {
    last.merge(credentialId, count, Math::max);
  }
}
