package io.poolrescue.activities.storage;

/** What {@code setDefaultSr} did. */
public record DefaultSrChange(String previousSrUuid, String srUuid, boolean changed) {}
