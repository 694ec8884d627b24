package io.poolrescue.activities.vm;

/** A VM and the host the schedule gives it. */
public record PlacedVm(String vmUuid, String hostUuid) {}
