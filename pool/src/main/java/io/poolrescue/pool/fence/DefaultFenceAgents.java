package io.poolrescue.pool.fence;

import java.util.Objects;

/** Opens a {@link RedfishAgent} or an {@link IpmiToolAgent} according to the target's kind. */
public final class DefaultFenceAgents implements FenceAgents {
  private final FenceOptions options;
  private final ProcessRunner runner;

  public DefaultFenceAgents(FenceOptions options, ProcessRunner runner) {
    this.options = Objects.requireNonNull(options, "options");
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  /** Default timeouts, ipmitool from PATH. */
  public DefaultFenceAgents() {
    this(FenceOptions.defaults(), new SystemProcessRunner());
  }

  /** @throws IllegalArgumentException when the target cannot be used as given (address, user, pin) */
  @Override
  public FenceAgent open(BmcTarget target) {
    return switch (target.kind()) {
      case REDFISH -> new RedfishAgent(target, options);
      case IPMI -> new IpmiToolAgent(target, options, runner);
    };
  }
}
