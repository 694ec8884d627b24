package io.poolrescue.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Whether today's workflow code reproduces the recorded run. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ReplayVerdict.Clean.class, name = "CLEAN"),
  @JsonSubTypes.Type(value = ReplayVerdict.Diverged.class, name = "DIVERGED"),
  @JsonSubTypes.Type(value = ReplayVerdict.Failed.class, name = "FAILED")
})
public sealed interface ReplayVerdict {

  /** Today's code issues exactly the commands the history records, all the way to its last event. */
  record Clean() implements ReplayVerdict {}

  /**
   * Today's code takes another path: at {@code eventId} the history records {@code eventType} but
   * the code asked for something else ({@code difference}, in the SDK's words).
   */
  record Diverged(long eventId, String eventType, String recorded, String difference) implements ReplayVerdict {}

  /** The replay stopped for another reason (a bug in the workflow code, an undecodable payload). */
  record Failed(String reason) implements ReplayVerdict {}

  @JsonIgnore
  default boolean clean() {
    return this instanceof Clean;
  }
}
