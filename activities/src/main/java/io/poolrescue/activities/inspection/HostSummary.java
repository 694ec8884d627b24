package io.poolrescue.activities.inspection;

/** A host in a pool overview. */
public record HostSummary(
    String uuid, String nameLabel, String address, boolean live, boolean enabled, long memoryFree, boolean master) {}
