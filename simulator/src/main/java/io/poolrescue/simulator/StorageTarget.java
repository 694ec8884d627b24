package io.poolrescue.simulator;

import java.util.Map;

/**
 * What the storage behind an SR answers to: the device_config a PBD must carry to attach, and for
 * a local SR the one machine whose disk it is.
 */
record StorageTarget(Map<String, String> deviceConfig, String homeMachineUuid) {
  StorageTarget {
    deviceConfig = Map.copyOf(deviceConfig);
  }
}
