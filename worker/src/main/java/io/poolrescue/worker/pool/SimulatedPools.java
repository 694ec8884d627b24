package io.poolrescue.worker.pool;

import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.SimClock;
import io.poolrescue.simulator.SimLatencies;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** {@code --simulated small|large|spec.json}: a preset name or a JSON pool spec file, on the real clock. */
public final class SimulatedPools {
  private SimulatedPools() {}

  /** Presets and specs without credentials use these (the simulator's documented defaults). */
  public static final String DEFAULT_USER = "root";
  public static final String DEFAULT_PASSWORD = "poolrescue-sim";

  /** A simulated pool and the root credentials it accepts. */
  public record Opened(SimulatedPool pool, String user, String password) {
    @Override
    public String toString() {
      return "Opened[" + pool.masterAddress() + ", user=" + user + ", password=<hidden>]";
    }
  }

  /** @param timings "demo" (scaled down for people watching) or "defaults" (XAPI's real timeouts) */
  public static Opened open(String presetOrSpec, String timings) {
    return open(presetOrSpec, timings, "instant");
  }

  /** @param latency how long operations take: "instant", "realistic" or "demo" (realistic / 10) */
  public static Opened open(String presetOrSpec, String timings, String latency) {
    SimLatencies l = SimLatencies.named(latency.toLowerCase(Locale.ROOT));
    SimTimings t = switch (timings.toLowerCase(Locale.ROOT)) {
      case "demo" -> SimTimings.demo();
      case "defaults", "real" -> SimTimings.defaults();
      default -> throw new IllegalArgumentException("--sim-timings must be demo or defaults, not " + timings);
    };
    Path file = Path.of(presetOrSpec);
    if (presetOrSpec.endsWith(".json") || Files.isRegularFile(file)) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("--simulated " + presetOrSpec + ": no such readable spec file");
      }
      PoolSpec spec = SimulatedPool.readSpec(file);
      PoolSpec.Credentials c = spec.credentials();
      return new Opened(SimulatedPool.fromSpec(spec, SimClock.system(), t, l),
          c == null || c.user() == null ? DEFAULT_USER : c.user(),
          c == null || c.password() == null ? DEFAULT_PASSWORD : c.password());
    }
    return new Opened(SimulatedPool.preset(presetOrSpec, SimClock.system(), t, l), DEFAULT_USER, DEFAULT_PASSWORD);
  }
}
