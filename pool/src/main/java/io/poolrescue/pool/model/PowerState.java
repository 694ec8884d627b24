package io.poolrescue.pool.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A VM's power state as XAPI spells it on the wire ({@code Halted}, {@code Running}, ...). */
public enum PowerState {
  @JsonProperty("Halted") HALTED("Halted"),
  @JsonProperty("Paused") PAUSED("Paused"),
  @JsonProperty("Running") RUNNING("Running"),
  @JsonProperty("Suspended") SUSPENDED("Suspended");

  private final String xapiName;

  PowerState(String xapiName) {
    this.xapiName = xapiName;
  }

  public String xapiName() {
    return xapiName;
  }

  public static PowerState fromXapi(String name) {
    for (PowerState s : values()) {
      if (s.xapiName.equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown power state " + name);
  }
}
