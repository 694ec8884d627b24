package io.poolrescue.workflows.api;

/** @param poolAddress any host of the pool, as the worker's inventory lists it */
public record PoolViewRequest(String poolAddress) {}
