package io.poolrescue.activities.poolrestore;

/** The restored pool's master answering as master after the restore's reboot. */
public record RestoredMaster(String address, String hostUuid, String poolUuid) {}
