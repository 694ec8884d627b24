package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fault plan's draws: seeded, at its rate, of its kinds, the same whatever the order of threads. */
class WireFaultsTest {
  private static final List<String> CALLS = List.of("VM.start_on", "host.get_all", "pool.get_all", "PBD.plug");

  @Test
  void theSameSeedGivesTheSameFaultsWhateverTheInterleavingOfAddresses() {
    WireFaults a = new WireFaults(WireFaultPlan.at(0.3, 42));
    List<Optional<WireFaults.Drawn>> aX = new ArrayList<>();
    List<Optional<WireFaults.Drawn>> aY = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      aX.add(a.decide("127.0.10.1", CALLS.get(i % CALLS.size())));
      aY.add(a.decide("127.0.10.2", CALLS.get(i % CALLS.size())));
    }
    // the same calls, the second address's all first: each address's own sequence is what counts
    WireFaults b = new WireFaults(WireFaultPlan.at(0.3, 42));
    List<Optional<WireFaults.Drawn>> bY = new ArrayList<>();
    List<Optional<WireFaults.Drawn>> bX = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      bY.add(b.decide("127.0.10.2", CALLS.get(i % CALLS.size())));
    }
    for (int i = 0; i < 200; i++) {
      bX.add(b.decide("127.0.10.1", CALLS.get(i % CALLS.size())));
    }
    assertEquals(aX, bX);
    assertEquals(aY, bY);
    assertTrue(aX.stream().anyMatch(Optional::isPresent) && aX.stream().anyMatch(Optional::isEmpty), aX.toString());
  }

  @Test
  void anotherSeedGivesOtherFaults() {
    assertFalse(draws(new WireFaults(WireFaultPlan.at(0.3, 1))).equals(draws(new WireFaults(WireFaultPlan.at(0.3, 2)))));
  }

  @Test
  void theRateAndTheKindsAreThePlans() {
    WireFaults f = new WireFaults(WireFaultPlan.only(0.2, 7, WireFault.LOST_REPLY, WireFault.SLOW));
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      f.decide("127.0.10." + (i % 7), CALLS.get(i % CALLS.size()));
    }
    double rate = f.total() / (double) n;
    assertTrue(Math.abs(rate - 0.2) < 0.02, "rate " + rate);
    assertEquals(Set.of(WireFault.LOST_REPLY, WireFault.SLOW), f.injected().keySet());
    // shares 0.35 : 0.25
    double lost = f.injected().get(WireFault.LOST_REPLY) / (double) f.total();
    assertTrue(Math.abs(lost - 0.35 / 0.60) < 0.05, "lost replies " + lost);
  }

  @Test
  void logoutAndUnlistedCallsAreSpared() {
    WireFaults every = new WireFaults(WireFaultPlan.at(1.0, 3));
    assertEquals(Optional.empty(), every.decide("127.0.10.1", "session.logout"));
    assertTrue(every.decide("127.0.10.1", "host.get_all").isPresent());
    WireFaults some = new WireFaults(WireFaultPlan.at(1.0, 3).onCalls("VM.start_on"));
    assertEquals(Optional.empty(), some.decide("127.0.10.1", "host.get_all"));
    assertTrue(some.decide("127.0.10.1", "VM.start_on").isPresent());
    assertEquals(1, some.total());
  }

  @Test
  void slowAnswersWaitAtMostTheSlowest() {
    WireFaults f = new WireFaults(WireFaultPlan.only(1.0, 5, WireFault.SLOW));
    for (int i = 0; i < 100; i++) {
      WireFaults.Drawn d = f.decide("127.0.10.1", "host.get_all").orElseThrow();
      assertTrue(!d.delay().isNegative() && d.delay().compareTo(f.plan().slowest()) <= 0, d.toString());
    }
  }

  @Test
  void aBadPlanIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> WireFaultPlan.at(1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> new WireFaultPlan(0.1, 1, java.time.Duration.ZERO, Set.of(), Set.of()));
  }

  private static List<Optional<WireFaults.Drawn>> draws(WireFaults f) {
    List<Optional<WireFaults.Drawn>> out = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      out.add(f.decide("127.0.10.1", CALLS.get(i % CALLS.size())));
    }
    return out;
  }
}
