package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read side every XAPI class has, generated from {@link RecordEncoder#FIELDS}: {@code get_all},
 * {@code get_all_records}, {@code get_record}, {@code get_by_uuid}, {@code get_by_name_label} and
 * one {@code get_<field>} per field.
 */
final class ClassGetters {
  private ClassGetters() {}

  static List<ApiMethod> all() {
    List<ApiMethod> out = new ArrayList<>();
    for (String cls : ObjectView.CLASSES) {
      Param self = Param.ref("self", cls);
      out.add(ApiMethod.pool(cls + ".get_all", List.of(), c -> c.view().refs(cls)));
      out.add(ApiMethod.pool(cls + ".get_all_records", List.of(), c -> c.view().allJson(cls)));
      out.add(ApiMethod.pool(cls + ".get_record", List.of(self), c -> c.view().record(cls, c.str(0))));
      out.add(ApiMethod.pool(cls + ".get_by_uuid", List.of(Param.string("uuid")), c -> byUuid(c, cls)));
      List<String> fields = RecordEncoder.FIELDS.get(cls);
      if (fields.contains("name_label")) {
        out.add(ApiMethod.pool(cls + ".get_by_name_label", List.of(Param.string("label")),
            c -> byName(c.view().all(cls), c.str(0))));
      }
      for (String field : fields) {
        out.add(ApiMethod.pool(cls + ".get_" + field, List.of(self),
            c -> c.view().record(cls, c.str(0)).get(field)));
      }
    }
    return out;
  }

  /** Looked up in the pool's database directly: no snapshot of the whole pool per VM start. */
  private static final Set<String> DIRECT = Set.of("VM", "host");

  private static String byUuid(Call c, String cls) {
    String ref = DIRECT.contains(cls) ? c.server().site().refByUuid(c.address(), cls, c.str(0))
        : c.view().refByUuid(cls, c.str(0));
    if (ref == null) {
      throw new XapiException(XapiErrors.UUID_INVALID, List.of(cls, c.str(0)));
    }
    return ref;
  }

  private static List<String> byName(Map<String, ObjectNode> records, String label) {
    List<String> out = new ArrayList<>();
    records.forEach((ref, r) -> {
      if (label.equals(r.path("name_label").asText())) {
        out.add(ref);
      }
    });
    return out;
  }
}
