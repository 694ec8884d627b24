package io.poolrescue.console.routes;

import io.poolrescue.cli.Procedure;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A procedure's start form, read from its request record: each component with the kind of input it
 * takes. {@code requestedBy} is left out (the signer's name fills it) and so are the fields a run
 * hands to the next (a carried repair state), which no person types.
 */
final class ProcedureForms {
  private static final List<String> NOT_TYPED = List.of("requestedBy", "carried");

  private ProcedureForms() {}

  /**
   * @param kind {@code text}, {@code number}, {@code boolean}, {@code choice} (with {@code choices}),
   *     {@code list} (of text, one per line), {@code duration} (ISO-8601) or {@code json} (an object)
   */
  record Field(String name, String kind, boolean required, List<String> choices) {}

  static List<Field> fields(Procedure p) {
    return Arrays.stream(p.requestType().getRecordComponents()).filter(c -> !NOT_TYPED.contains(c.getName()))
        .map(c -> new Field(c.getName(), kind(c), p.requiredFields().contains(c.getName()), choices(c))).toList();
  }

  private static String kind(RecordComponent c) {
    Class<?> t = c.getType();
    if (t == String.class) {
      return "text";
    }
    if (t == int.class || t == long.class || t == Integer.class || t == Long.class) {
      return "number";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "boolean";
    }
    if (t.isEnum()) {
      return "choice";
    }
    if (t == Duration.class) {
      return "duration";
    }
    if (List.class.isAssignableFrom(t) && c.getGenericType() instanceof ParameterizedType pt
        && pt.getActualTypeArguments()[0] == String.class) {
      return "list";
    }
    return "json";
  }

  private static List<String> choices(RecordComponent c) {
    return c.getType().isEnum()
        ? Arrays.stream(c.getType().getEnumConstants()).map(Object::toString).toList() : List.of();
  }
}
