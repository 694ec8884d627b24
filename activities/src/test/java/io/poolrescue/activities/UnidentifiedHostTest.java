package io.poolrescue.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.host.HostActivitiesImpl;
import io.poolrescue.activities.inspection.InspectionActivitiesImpl;
import io.poolrescue.activities.master.MasterActivities;
import io.poolrescue.activities.master.MasterActivitiesImpl;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.lang.reflect.Proxy;
import java.time.Duration;
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
    // through the activity environment: the promotion rests on an approved gate, then meets the probe
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(
          new MasterActivitiesImpl(probing(UNIDENTIFIED),
          new ApprovalCheck(() -> PolicyFile.builtIn(false), TestApprovals.CALLING)));
      TestApprovals approved = TestApprovals.in(env);
      MasterActivities masters = env.newActivityStub(MasterActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
      ActivityFailure f = assertThrows(ActivityFailure.class,
          () -> masters.promote(AT, approved.of(GateIds.PROMOTE_MASTER, AT)));
      ApplicationFailure cause = (ApplicationFailure) f.getCause();
      assertEquals(XapiFailures.UNIDENTIFIED, cause.getType());
      assertTrue(cause.isNonRetryable(), "a certificate problem does not pass by itself");
      assertTrue(cause.getOriginalMessage().contains("certificate does not match the pin"), cause.getOriginalMessage());
    } finally {
      env.close();
    }
  }

  @Test
  void anUnidentifiedHostIsNotJoined() {
    assertRefusedForGood(() -> new HostActivitiesImpl(probing(UNIDENTIFIED), null, null).joinPool(AT, "127.0.10.1"));
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
