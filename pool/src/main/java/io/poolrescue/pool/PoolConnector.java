package io.poolrescue.pool;

/**
 * Opens a {@link PoolClient} on one host's address. Normal calls follow {@code HOST_IS_SLAVE} to the
 * pool master; host-local calls (promotion, database restore, host restore, join) stay on that host.
 */
public interface PoolConnector {
  PoolClient connect(String address);
}
