package io.poolrescue.pool.model;

import java.util.Map;

/** A physical block device: how one host reaches one SR. */
public record Pbd(
    String ref, String uuid, String hostRef, String srRef, Map<String, String> deviceConfig,
    boolean currentlyAttached) {

  public Pbd {
    deviceConfig = Map.copyOf(deviceConfig);
  }
}
