package io.poolrescue.audit;

import io.poolrescue.client.codec.AesGcmPayloadCodec;
import io.poolrescue.client.codec.PayloadKeyring;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

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

  /**
   * Markers the Java SDK writes itself with its standard converter, never through the codec (a
   * {@code getVersion} marker holds a change id and a number): plaintext in every history.
   */
  static final Set<String> SDK_PLAIN_MARKERS = Set.of("Version");

  /**
   * How many of the history's payloads are sealed and how many are not. Left out: search attributes
   * (Temporal indexes them, so no codec ever seals them) and {@link #SDK_PLAIN_MARKERS}.
   */
  public static PayloadCounts count(WorkflowExecutionHistory history) {
    int[] counts = new int[2];
    Set<String> where = new java.util.LinkedHashSet<>();
    for (HistoryEvent event : history.getEvents()) {
      if (event.hasMarkerRecordedEventAttributes()
          && SDK_PLAIN_MARKERS.contains(event.getMarkerRecordedEventAttributes().getMarkerName())) {
        continue;
      }
      walk(event, p -> {
        boolean sealed = AesGcmPayloadCodec.isEncrypted(p);
        counts[sealed ? 0 : 1]++;
        if (!sealed) {
          where.add(event.getEventId() + " " + event.getEventType().name().replace("EVENT_TYPE_", ""));
        }
      });
    }
    return new PayloadCounts(counts[0], counts[1], java.util.List.copyOf(where));
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

  private static void collect(com.google.protobuf.Message message, Set<String> ids) {
    walk(message, payload -> {
      if (AesGcmPayloadCodec.isEncrypted(payload)) {
        ids.add(String.valueOf(AesGcmPayloadCodec.keyIdOf(payload)));
      }
    });
  }

  // Payloads sit at many depths of many event kinds; walking the generic proto tree finds them all.
  private static void walk(com.google.protobuf.Message message, Consumer<Payload> visit) {
    if (message instanceof Payload payload) {
      visit.accept(payload);
      return;
    }
    if (message instanceof SearchAttributes) {
      return; // indexed by the server, never sealed by a codec
    }
    message.getAllFields().forEach((field, value) -> {
      if (field.getJavaType() != com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        return;
      }
      if (field.isMapField() || field.isRepeated()) {
        for (Object item : (java.util.List<?>) value) {
          walkAny(item, visit);
        }
      } else {
        walkAny(value, visit);
      }
    });
  }

  private static void walkAny(Object value, Consumer<Payload> visit) {
    if (value instanceof com.google.protobuf.MapEntry<?, ?> entry) {
      walkAny(entry.getValue(), visit);
    } else if (value instanceof com.google.protobuf.Message m) {
      walk(m, visit);
    }
  }
}
