package io.poolrescue.simulator;


/**
 * A host record as stored in a pool database. Liveness and free memory are not stored here: the
 * master computes them (see {@link Liveness}) when a snapshot is taken. {@code serial} is the
 * record's {@code bios_strings["system-serial-number"]}, copied from the machine.
 */
record HostRow(
    String ref, String uuid, String nameLabel, String address, boolean enabled, long memoryTotal,
    String metricsRef, String metricsUuid, String serial) {

  /** The bios_strings map as XAPI holds it (only the key poolrescue reads). */
  java.util.Map<String, String> biosStrings() {
    return serial == null ? java.util.Map.of() : java.util.Map.of("system-serial-number", serial);
  }

  HostRow withAddress(String a) {
    return new HostRow(ref, uuid, nameLabel, a, enabled, memoryTotal, metricsRef, metricsUuid, serial);
  }

  HostRow withUuid(String u) {
    return new HostRow(ref, u, nameLabel, address, enabled, memoryTotal, metricsRef, metricsUuid, serial);
  }

  HostRow withMemoryTotal(long m) {
    return new HostRow(ref, uuid, nameLabel, address, enabled, m, metricsRef, metricsUuid, serial);
  }

  HostRow withNameLabel(String n) {
    return new HostRow(ref, uuid, n, address, enabled, memoryTotal, metricsRef, metricsUuid, serial);
  }

  HostRow withEnabled(boolean e) {
    return new HostRow(ref, uuid, nameLabel, address, e, memoryTotal, metricsRef, metricsUuid, serial);
  }

  HostRow withSerial(String s) {
    return new HostRow(ref, uuid, nameLabel, address, enabled, memoryTotal, metricsRef, metricsUuid, s);
  }
}
