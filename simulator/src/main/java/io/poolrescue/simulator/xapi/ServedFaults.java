package io.poolrescue.simulator.xapi;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Applies the plan's faults around one served call: {@link #beforeCall} says whether the host reads
 * the call at all (and makes a slow answer wait), {@link #afterCall} whether its answer gets out.
 */
final class ServedFaults {
  private final WireFaults faults;
  private final ServedSite site;
  /** Every call read from a client passes {@link #draw} once, faulted or not: the server's call count. */
  private final LongAdder drawn = new LongAdder();

  ServedFaults(WireFaults faults, ServedSite site) {
    this.faults = faults;
    this.site = site;
  }

  Optional<WireFaults.Drawn> draw(String address, String call) {
    drawn.increment();
    return faults.decide(address, call);
  }

  long calls() {
    return drawn.sum();
  }

  /** False: the connection drops before the host reads the call. A slow answer waits here, on the pool's clock. */
  boolean beforeCall(Optional<WireFaults.Drawn> drawn) {
    if (drawn.isEmpty()) {
      return true;
    }
    return switch (drawn.get().kind()) {
      case DROPPED_BEFORE -> false;
      case SLOW -> {
        site.pause(drawn.get().delay());
        yield true;
      }
      case LOST_REPLY, AGENT_RESTART -> true;
    };
  }

  /** False: the call took effect but its answer is lost (and, for an agent restart, the agent restarts now). */
  boolean afterCall(String address, Optional<WireFaults.Drawn> drawn) {
    if (drawn.isEmpty()) {
      return true;
    }
    return switch (drawn.get().kind()) {
      case DROPPED_BEFORE, SLOW -> true;
      case LOST_REPLY -> false;
      case AGENT_RESTART -> {
        site.restartAgentAt(address);
        yield false;
      }
    };
  }
}
