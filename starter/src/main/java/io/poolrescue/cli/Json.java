package io.poolrescue.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * JSON as Temporal's default data converter reads and writes it, so a request file that works here
 * also works pasted into the Web UI, and {@code --json} output matches what the query returns.
 */
public final class Json {
  private Json() {}

  /** Output: indented, ISO-8601 instants and durations. */
  public static final ObjectMapper OUT =
      JacksonJsonPayloadConverter.newDefaultObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  /** Input from people: unknown fields are errors (a typo must not silently drop a setting). */
  public static final ObjectMapper STRICT_IN =
      JacksonJsonPayloadConverter.newDefaultObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static String write(Object value) {
    try {
      return OUT.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
