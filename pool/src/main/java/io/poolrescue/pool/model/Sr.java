package io.poolrescue.pool.model;

/**
 * A storage repository. A local SR ({@code shared=false}) is owned by the one host that has a PBD
 * for it; see {@link PoolSnapshot#ownerOf(Sr)}.
 */
public record Sr(String ref, String uuid, String nameLabel, String type, boolean shared) {}
