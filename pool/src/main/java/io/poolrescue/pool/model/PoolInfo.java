package io.poolrescue.pool.model;

/**
 * The pool object itself. {@code defaultSrRef} may be null (unset) or dangling (the SR is gone),
 * exactly as XAPI allows.
 */
public record PoolInfo(
    String ref, String uuid, String nameLabel, String masterRef, String defaultSrRef, boolean haEnabled) {}
