package io.poolrescue.pool.model;

import java.util.Map;

/**
 * A virtual disk. {@code smConfig} holds the storage manager's attach locks
 * ({@code host_<HostOpaqueRef>} = {@code RW|RO}) and the {@code paused} flag.
 */
public record Vdi(
    String ref, String uuid, String nameLabel, String srRef, String location, boolean sharable,
    Map<String, String> smConfig) {

  public static final String HOST_LOCK_PREFIX = "host_";
  public static final String PAUSED_KEY = "paused";

  public Vdi {
    smConfig = Map.copyOf(smConfig);
  }

  /** The lock key a host's attach leaves in sm_config. */
  public static String lockKey(String hostRef) {
    return HOST_LOCK_PREFIX + hostRef;
  }

  public boolean lockedBy(String hostRef) {
    return smConfig.containsKey(lockKey(hostRef));
  }
}
