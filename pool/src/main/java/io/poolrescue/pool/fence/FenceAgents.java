package io.poolrescue.pool.fence;

/** Opens the fence agent for a BMC target (Redfish or IPMI). */
@FunctionalInterface
public interface FenceAgents {
  FenceAgent open(BmcTarget target);
}
