package io.poolrescue.pool.fence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A system's {@code #ComputerSystem.Reset} action as the DMTF schema describes it.
 *
 * @param target where to POST
 * @param allowed the ResetType values the service announces, or null when it announces none
 * @param actionInfo the {@code @Redfish.ActionInfo} link, or null
 */
record RedfishReset(String target, List<String> allowed, String actionInfo) {
  static final String FORCE_OFF = "ForceOff";

  /** The action of a ComputerSystem, or null when it offers none. */
  static RedfishReset of(JsonNode system) {
    JsonNode action = system.path("Actions").path("#ComputerSystem.Reset");
    JsonNode target = action.path("target");
    if (!target.isTextual() || target.asText().isBlank()) {
      return null;
    }
    JsonNode info = action.path("@Redfish.ActionInfo");
    return new RedfishReset(target.asText(), values(action.path("ResetType@Redfish.AllowableValues")),
        info.isTextual() ? info.asText() : null);
  }

  /** The ResetType values of an ActionInfo resource, or null when it lists none. */
  static List<String> allowedIn(JsonNode actionInfo) {
    for (JsonNode p : actionInfo.path("Parameters")) {
      if ("ResetType".equals(p.path("Name").asText())) {
        return values(p.path("AllowableValues"));
      }
    }
    return null;
  }

  RedfishReset withAllowed(List<String> values) {
    return new RedfishReset(target, values, actionInfo);
  }

  boolean offersForceOff() {
    return allowed == null || allowed.contains(FORCE_OFF);
  }

  private static List<String> values(JsonNode array) {
    if (!array.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }
}
