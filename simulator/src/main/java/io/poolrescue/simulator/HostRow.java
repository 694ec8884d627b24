package io.poolrescue.simulator;


/**
 * A host record as stored in a pool database. Liveness and free memory are not stored here: the
 * master computes them (see {@link Liveness}) when a snapshot is taken.
 */
record HostRow(
    String ref, String uuid, String nameLabel, String address, boolean enabled, long memoryTotal,
    String metricsRef, String metricsUuid) {

  HostRow withAddress(String a) {
    return new HostRow(ref, uuid, nameLabel, a, enabled, memoryTotal, metricsRef, metricsUuid);
  }

  HostRow withUuid(String u) {
    return new HostRow(ref, u, nameLabel, address, enabled, memoryTotal, metricsRef, metricsUuid);
  }

  HostRow withMemoryTotal(long m) {
    return new HostRow(ref, uuid, nameLabel, address, enabled, m, metricsRef, metricsUuid);
  }

  HostRow withNameLabel(String n) {
    return new HostRow(ref, uuid, n, address, enabled, memoryTotal, metricsRef, metricsUuid);
  }
}
