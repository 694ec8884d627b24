package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.xapi.XapiRefs;
import java.util.List;
import java.util.Map;

/** VDI lock removal and the PBD life cycle. */
final class StorageMethods {
  private StorageMethods() {}

  static List<ApiMethod> all() {
    Param pbd = Param.ref("self", "PBD");
    return List.of(
        ApiMethod.pool("VDI.remove_from_sm_config", List.of(Param.ref("self", "VDI"), Param.string("key")), c -> {
          c.pool().vdiRemoveFromSmConfig(c.uuid(0, "VDI"), c.str(1));
          return "";
        }),
        ApiMethod.pool("PBD.create", List.of(Param.record("args", "PBD")), StorageMethods::create),
        ApiMethod.pool("PBD.destroy", List.of(pbd), c -> {
          c.pool().pbdDestroy(c.uuid(0, "PBD"));
          return "";
        }),
        ApiMethod.pool("PBD.plug", List.of(pbd), c -> {
          c.pool().pbdPlug(c.uuid(0, "PBD"));
          return "";
        }),
        ApiMethod.pool("PBD.unplug", List.of(pbd), c -> {
          c.pool().pbdUnplug(c.uuid(0, "PBD"));
          return "";
        }));
  }

  /** {@code PBD.create({host, SR, device_config, other_config})}; returns the new PBD's ref. */
  private static Object create(Call c) {
    ObjectNode args = c.record(0);
    String host = refField(c, args, "host", "host");
    String sr = refField(c, args, "SR", "SR");
    JsonNode dc = args.get("device_config");
    Map<String, String> deviceConfig = dc == null || dc.isNull() ? Map.of()
        : ArgumentReader.stringMap(Param.map("device_config"), dc);
    String uuid = c.pool().pbdCreate(c.view().uuidOf("host", host), c.view().uuidOf("SR", sr), deviceConfig);
    return XapiRefs.wire(c.freshView().refByUuid("PBD", uuid));
  }

  private static String refField(Call c, ObjectNode args, String field, String cls) {
    JsonNode v = args.get(field);
    if (v == null || !v.isTextual()) {
      throw new XapiException(XapiErrors.FIELD_TYPE_ERROR, List.of(field));
    }
    if (!c.view().exists(cls, v.asText())) {
      throw new XapiException(XapiErrors.HANDLE_INVALID, List.of(cls, v.asText()));
    }
    return v.asText();
  }
}
