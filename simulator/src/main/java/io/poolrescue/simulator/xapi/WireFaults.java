package io.poolrescue.simulator.xapi;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, call by call, which calls meet a fault of a {@link WireFaultPlan}, and counts them.
 */
public final class WireFaults {
  private static final Logger log = LoggerFactory.getLogger(WireFaults.class);

  private final WireFaultPlan plan;
  private final Map<String, Long> callsSeen = new HashMap<>();
  private final Map<WireFault, Long> injected = new EnumMap<>(WireFault.class);

  public WireFaults(WireFaultPlan plan) {
    this.plan = plan;
  }

  public WireFaultPlan plan() {
    return plan;
  }

  /** One call's fault; {@code delay} is how late a {@link WireFault#SLOW} answer comes (zero for the others). */
  public record Drawn(WireFault kind, Duration delay) {}

  /** The fault this call meets, if any; {@code call} is the method name or an HTTP handler's "VERB /path". */
  public Optional<Drawn> decide(String address, String call) {
    if (!plan.covers(call)) {
      return Optional.empty();
    }
    long n;
    synchronized (this) {
      n = callsSeen.merge(address + " " + call, 1L, Long::sum);
    }
    SplittableRandom r = new SplittableRandom(plan.seed() * 31 + (address + " " + call + " " + n).hashCode());
    if (!plan.coversCallNumber(n) || r.nextDouble() >= plan.rate()) {
      return Optional.empty();
    }
    WireFault f = kind(r.nextDouble());
    synchronized (this) {
      injected.merge(f, 1L, Long::sum);
    }
    Duration delay = f == WireFault.SLOW ? Duration.ofMillis(r.nextLong(plan.slowest().toMillis() + 1)) : Duration.ZERO;
    log.info("FAULT {} on {} at {} (call {} of its kind there, seed {})", f, call, address, n, plan.seed());
    return Optional.of(new Drawn(f, delay));
  }

  /** Faults injected so far, by kind. */
  public synchronized Map<WireFault, Long> injected() {
    return Map.copyOf(injected);
  }

  public synchronized long total() {
    return injected.values().stream().mapToLong(Long::longValue).sum();
  }

  private WireFault kind(double u) {
    List<WireFault> kinds = plan.kinds().stream().sorted().toList();
    double total = kinds.stream().mapToDouble(WireFaultPlan::share).sum();
    double acc = 0;
    for (WireFault k : kinds) {
      acc += WireFaultPlan.share(k) / total;
      if (u < acc) {
        return k;
      }
    }
    return kinds.get(kinds.size() - 1);
  }
}
