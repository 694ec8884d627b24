package io.poolrescue.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.host.HostActivitiesImpl;
import io.poolrescue.activities.inspection.InspectionActivitiesImpl;
import io.poolrescue.activities.master.MasterActivitiesImpl;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.temporal.failure.ApplicationFailure;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A host that is up but not a verifiable XAPI is never promoted, joined, or taken for silent. */
class UnidentifiedHostTest {
  private static final String AT = "127.0.10.2";
  private static final HostProbe UNIDENTIFIED = new HostProbe.Unidentified(AT, "certificate does not match the pin");

  /** A client whose probe says unidentified and which may do nothing else. */
  private static PoolConnector probing(HostProbe probe) {
    return address -> (PoolClient) Proxy.newProxyInstance(PoolClient.class.getClassLoader(),
        new Class<?>[] {PoolClient.class}, (proxy, method, args) -> switch (method.getName()) {
          case "probe" -> probe;
          case "close" -> null;
          case "address" -> address;
          default -> throw new AssertionError(method.getName() + " called on an unidentified host");
        });
  }

  private static void assertRefusedForGood(Supplier<?> call) {
    ApplicationFailure f = assertThrows(ApplicationFailure.class, call::get);
    assertEquals(XapiFailures.UNIDENTIFIED, f.getType());
    assertTrue(f.isNonRetryable(), "a certificate problem does not pass by itself");
    assertTrue(f.getOriginalMessage().contains("certificate does not match the pin"), f.getOriginalMessage());
  }

  @Test
  void anUnidentifiedMemberIsNotPromoted() {
    assertRefusedForGood(() -> new MasterActivitiesImpl(probing(UNIDENTIFIED)).promote(AT));
  }

  @Test
  void anUnidentifiedHostIsNotJoined() {
    assertRefusedForGood(() -> new HostActivitiesImpl(probing(UNIDENTIFIED), null).joinPool(AT, "127.0.10.1"));
  }

  @Test
  void itsFingerprintKindLeavesOutTheWording() {
    assertEquals("unidentified", StateFingerprint.probeKind(UNIDENTIFIED));
    assertEquals("unidentified", StateFingerprint.probeKind(new HostProbe.Unidentified(AT, "other words")));
  }

  @Test
  void aProbeThatFailsOnTheWayIsNotSilence() {
    PoolConnector broken = address -> {
      throw new IllegalStateException("no client for " + address);
    };
    HostProbe p = InspectionActivitiesImpl.probe(broken, AT);
    assertEquals(HostProbe.Unidentified.class, p.getClass());
    assertTrue(p.answers(), "an unknown answer never counts as a host that is off");
  }
}
