package io.poolrescue.activities.hostrestore;

import io.poolrescue.pool.HostProbe;

/** A host that came back after its configuration restore: live in the master's eyes and answering as a member. */
public record HostBack(String hostUuid, String address, boolean live, boolean enabled, HostProbe probe) {}
