package io.poolrescue.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.poolrescue.cli.Json;

/** Request bodies read strictly, as the CLI reads request files: an unknown field is an error, not ignored. */
public final class JsonBodies {
  private JsonBodies() {}

  /**
   * Only {@code application/json}: a form another site's page posts is plain text, which a browser
   * sends across sites without asking; JSON it does not send without the console's consent (CORS).
   */
  public static <T> T read(Context ctx, Class<T> type) {
    String contentType = ctx.contentType() == null ? "" : ctx.contentType();
    if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ConsoleRefusal(415, "the console reads JSON bodies only (Content-Type: application/json), not '"
          + contentType + "'");
    }
    String body = ctx.body();
    if (body.isBlank()) {
      throw new ConsoleRefusal("the request needs a JSON body (" + type.getSimpleName() + ")");
    }
    try {
      T value = Json.STRICT_IN.readValue(body, type);
      if (value == null) {
        throw new ConsoleRefusal("the request needs a JSON object (" + type.getSimpleName() + "), not null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new ConsoleRefusal("bad " + type.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  public static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new ConsoleRefusal(field + " is required");
    }
    return value.strip();
  }
}
