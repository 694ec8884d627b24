package io.poolrescue.activities.poolrestore;

/** A host that joined and that the master now sees live. */
public record JoinedHost(String address, String hostUuid, boolean live, boolean enabled) {}
