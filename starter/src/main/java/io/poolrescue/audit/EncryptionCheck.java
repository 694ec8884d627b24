package io.poolrescue.audit;

import io.poolrescue.client.codec.AesGcmPayloadCodec;
import io.poolrescue.client.codec.PayloadKeyring;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds out before any replay whether a history's payloads are encrypted and with which keys, so a
 * missing or wrong key is one clear sentence rather than a failed workflow task deep in the replayer.
 */
public final class EncryptionCheck {

  private EncryptionCheck() {}

  /** Ids of the keys that sealed payloads of this history; empty when nothing is encrypted. */
  public static Set<String> keyIds(WorkflowExecutionHistory history) {
    Set<String> ids = new TreeSet<>();
    for (HistoryEvent event : history.getEvents()) {
      collect(event, ids);
    }
    return ids;
  }

  /** Refuses a history the given key (or no key) cannot open. */
  public static void requireReadable(WorkflowExecutionHistory history, Optional<PayloadKeyring> keys, String origin) {
    Set<String> ids = keyIds(history);
    if (ids.isEmpty()) {
      return;
    }
    if (keys.isEmpty()) {
      throw new AuditInputException(
          origin + " is encrypted (key " + String.join(", ", ids) + "); give its key with --key-file");
    }
    if (!keys.get().ids().containsAll(ids)) {
      throw new AuditInputException(
          origin + " is encrypted with key " + String.join(", ", ids) + " but --key-file holds key "
              + String.join(", ", keys.get().ids()));
    }
  }

  // Payloads sit at many depths of many event kinds; walking the generic proto tree finds them all.
  private static void collect(com.google.protobuf.Message message, Set<String> ids) {
    if (message instanceof Payload payload) {
      if (AesGcmPayloadCodec.isEncrypted(payload)) {
        ids.add(String.valueOf(AesGcmPayloadCodec.keyIdOf(payload)));
      }
      return;
    }
    message.getAllFields().forEach((field, value) -> {
      if (field.getJavaType() != com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        return;
      }
      if (field.isMapField() || field.isRepeated()) {
        for (Object item : (java.util.List<?>) value) {
          collectAny(item, ids);
        }
      } else {
        collectAny(value, ids);
      }
    });
  }

  private static void collectAny(Object value, Set<String> ids) {
    if (value instanceof com.google.protobuf.MapEntry<?, ?> entry) {
      collectAny(entry.getValue(), ids);
    } else if (value instanceof com.google.protobuf.Message m) {
      collect(m, ids);
    }
  }
}
