package io.poolrescue.pool.model;

import java.time.Instant;

/**
 * A host as the pool master sees it. {@code live}, {@code lastHeartbeat} and the memory figures
 * come from the host's {@code host_metrics} object; only the master computes liveness.
 * {@code serial} is {@code bios_strings["system-serial-number"]}: what ties the record to a machine
 * and its BMC (null or empty when the BIOS gives none).
 */
public record Host(
    String ref,
    String uuid,
    String nameLabel,
    String address,
    boolean enabled,
    boolean live,
    Instant lastHeartbeat,
    long memoryTotal,
    long memoryFree,
    String serial) {}
