package io.poolrescue.pool.fence;

import com.fasterxml.jackson.databind.JsonNode;

/** DMTF {@code ComputerSystem.PowerState} to a fencing answer: only "Off" is OFF. */
final class RedfishPowerState {
  private RedfishPowerState() {}

  /** The power, or null when the value is missing or not one Redfish defines (then the reading is UNKNOWN). */
  static BmcPower of(JsonNode powerState) {
    if (powerState == null || !powerState.isTextual()) {
      return null;
    }
    return switch (powerState.asText()) {
      case "Off" -> BmcPower.OFF;
      // Still powered: PoweringOff is not off yet, Paused keeps its memory and may resume.
      case "On", "PoweringOn", "PoweringOff", "Paused" -> BmcPower.ON;
      default -> null;
    };
  }
}
