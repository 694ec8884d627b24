package io.poolrescue.simulator.xapi;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Faults the XAPI server injects into the calls it serves, at a rate, from a seed: the same seed
 * and the same calls give the same faults (each call's fate depends on the seed, the address, the
 * call's name and how many such calls that address had before, not on the order of threads).
 *
 * @param rate the share of calls that meet a fault, 0 to 1
 * @param seed the seed a failing run is replayed with
 * @param slowest the longest delay of a {@link WireFault#SLOW} answer
 * @param kinds the faults drawn from, in the proportions of {@link #share}
 * @param calls the calls that may meet a fault (method names, or "VERB /path" for the HTTP
 *     handlers); empty: every call but {@code session.logout}
 * @param firstCalls how many of each address's calls of one name may meet a fault (the later ones
 *     never do); 0: all of them
 */
public record WireFaultPlan(double rate, long seed, Duration slowest, Set<WireFault> kinds, Set<String> calls,
    long firstCalls) {
  public WireFaultPlan {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("a fault rate is between 0 and 1, got " + rate);
    }
    if (slowest == null || slowest.isNegative()) {
      throw new IllegalArgumentException("the slowest answer's delay must be zero or positive");
    }
    kinds = kinds == null || kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    if (rate > 0 && kinds.isEmpty()) {
      throw new IllegalArgumentException("a fault rate above 0 needs at least one kind of fault");
    }
    calls = calls == null ? Set.of() : Set.copyOf(calls);
    if (firstCalls < 0) {
      throw new IllegalArgumentException("firstCalls is 0 (all calls) or a positive count, got " + firstCalls);
    }
  }

  /** A plan whose faults may hit any call of the names it covers. */
  public WireFaultPlan(double rate, long seed, Duration slowest, Set<WireFault> kinds, Set<String> calls) {
    this(rate, seed, slowest, kinds, calls, 0);
  }

  /** No faults: the default. */
  public static WireFaultPlan none() {
    return new WireFaultPlan(0, 0, Duration.ZERO, Set.of(), Set.of());
  }

  /** Every kind of fault, answers up to 3 s late. */
  public static WireFaultPlan at(double rate, long seed) {
    return new WireFaultPlan(rate, seed, Duration.ofSeconds(3), EnumSet.allOf(WireFault.class), Set.of());
  }

  /** Only these kinds. */
  public static WireFaultPlan only(double rate, long seed, WireFault first, WireFault... more) {
    return new WireFaultPlan(rate, seed, Duration.ofSeconds(3), EnumSet.of(first, more), Set.of());
  }

  /** The same plan, for these calls only. */
  public WireFaultPlan onCalls(String... names) {
    return new WireFaultPlan(rate, seed, slowest, kinds, Set.of(names), firstCalls);
  }

  /** The same plan, for the first {@code n} calls of each name at each address: a fault that passes. */
  public WireFaultPlan firstCallsOnly(long n) {
    return new WireFaultPlan(rate, seed, slowest, kinds, calls, n);
  }

  /** Whether the {@code n}th call (from 1) of a name at an address may meet a fault. */
  boolean coversCallNumber(long n) {
    return firstCalls == 0 || n <= firstCalls;
  }

  /** Whether {@code call} may meet a fault of this plan. */
  boolean covers(String call) {
    return active() && (calls.isEmpty() ? !"session.logout".equals(call) : calls.contains(call));
  }

  public boolean active() {
    return rate > 0;
  }

  /** The weight of a kind among the faulty calls: agent restarts are rarer than the others. */
  static double share(WireFault kind) {
    return switch (kind) {
      case DROPPED_BEFORE, LOST_REPLY -> 0.35;
      case SLOW -> 0.25;
      case AGENT_RESTART -> 0.05;
    };
  }

  @Override
  public String toString() {
    return active() ? "faults at rate " + rate + ", seed " + seed + ", " + kinds : "no faults";
  }
}
