package io.poolrescue.audit;

import io.temporal.api.enums.v1.EventType;

/** EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> ActivityTaskScheduled, as the Web UI and the CLI name events. */
final class EventNames {
  private EventNames() {}

  static String shortName(EventType type) {
    StringBuilder out = new StringBuilder();
    for (String word : type.name().replaceFirst("^EVENT_TYPE_", "").split("_")) {
      out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }
}
