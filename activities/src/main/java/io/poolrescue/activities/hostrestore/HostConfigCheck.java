package io.poolrescue.activities.hostrestore;

import io.poolrescue.pool.HostProbe;

/**
 * A host whose configuration is to be restored, as the master and the network see it.
 *
 * @param probe what answered at the host's own address ({@code HOST_BROKEN} is an answer: the machine runs)
 * @param fingerprint digest of these facts, re-checked before the upload
 */
public record HostConfigCheck(
    String hostUuid, String nameLabel, String address, boolean live, boolean enabled, HostProbe probe,
    String fingerprint) {}
