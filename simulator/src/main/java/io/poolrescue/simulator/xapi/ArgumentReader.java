package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.xapi.XapiRefs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks and converts the JSON arguments of a call against its declared {@link Param}s: a value of
 * the wrong JSON type is {@code INTERNAL_ERROR [what the unmarshaller said]} (xapi's generated
 * server does not catch the unmarshalling failure, so it surfaces as an internal error), a ref to
 * nothing {@code HANDLE_INVALID [class, ref]}. int64 may come as a number or a numeric string (XML-RPC habit of some clients).
 */
final class ArgumentReader {
  private ArgumentReader() {}

  /** Resolves whether a ref exists; task refs live in the task table, the rest in the pool view. */
  interface Refs {
    boolean exists(String cls, String ref);
  }

  static List<Object> read(List<Param> params, List<JsonNode> values, Supplier<Refs> refs) {
    List<Object> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      out.add(convert(params.get(i), values.get(i), refs));
    }
    return out;
  }

  private static Object convert(Param p, JsonNode v, Supplier<Refs> refs) {
    switch (p.kind()) {
      case STRING:
        return text(p, v);
      case BOOL:
        if (v.isBoolean()) {
          return v.booleanValue();
        }
        throw typeError(p, v);
      case INT:
        if (v.isIntegralNumber()) {
          return v.longValue();
        }
        if (v.isTextual() && v.asText().matches("-?\\d{1,19}")) {
          return Long.parseLong(v.asText());
        }
        throw typeError(p, v);
      case FLOAT:
        if (v.isNumber()) {
          return v.doubleValue();
        }
        throw typeError(p, v);
      case STRING_MAP:
        return stringMap(p, v);
      case STRING_SET: {
        if (!v.isArray()) {
          throw typeError(p, v);
        }
        List<String> items = new ArrayList<>();
        v.forEach(e -> items.add(text(p, e)));
        return items;
      }
      case REF:
        return existing(p, text(p, v), refs);
      case REF_OR_NULL: {
        String ref = text(p, v);
        return XapiRefs.isNull(ref) ? XapiRefs.NULL : existing(p, ref, refs);
      }
      case REF_SET: {
        if (!v.isArray()) {
          throw typeError(p, v);
        }
        List<String> items = new ArrayList<>();
        v.forEach(e -> items.add(existing(p, text(p, e), refs)));
        return items;
      }
      case RECORD:
        if (v.isObject()) {
          return (ObjectNode) v;
        }
        throw typeError(p, v);
      default:
        throw new IllegalStateException("unhandled parameter kind " + p.kind());
    }
  }

  private static String existing(Param p, String ref, Supplier<Refs> refs) {
    if (!refs.get().exists(p.cls(), ref)) {
      throw new XapiException(XapiErrors.HANDLE_INVALID, List.of(p.cls(), ref));
    }
    return ref;
  }

  private static String text(Param p, JsonNode v) {
    if (!v.isTextual()) {
      throw typeError(p, v);
    }
    return v.asText();
  }

  static Map<String, String> stringMap(Param p, JsonNode v) {
    if (!v.isObject()) {
      throw typeError(p, v);
    }
    Map<String, String> out = new LinkedHashMap<>();
    var fields = v.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      out.put(e.getKey(), text(p, e.getValue()));
    }
    return out;
  }

  /** One parameter, in the spirit of xapi's unmarshaller message: the parameter, the type wanted, the value got. */
  static XapiException typeError(Param p, JsonNode got) {
    return new XapiException(XapiErrors.INTERNAL_ERROR, List.of("Rpc.Runtime_error: parameter " + p.name()
        + " expects " + p.kind().name().toLowerCase(Locale.ROOT) + ", got " + got));
  }
}
