package io.poolrescue.workflows.lock;

/**
 * What the lock tells a run: it holds the pool now ({@code holder} is the run itself), or it waits
 * while {@code holder} holds it with {@code ahead} other runs before it in the queue.
 */
public record LockNotice(String key, String holder, int ahead) {}
