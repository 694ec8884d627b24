package io.poolrescue.activities;

import io.poolrescue.pool.AddressNotAllowedException;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;

/**
 * The one place where pool failures become Temporal failures.
 *
 * <p>A refusal that retrying cannot change (the host is live, HA is on, the VM needs an SR no host
 * has) becomes a non-retryable {@link ApplicationFailure} whose type is the XAPI code, so a workflow
 * can branch on it. Conditions that pass by themselves (an agent restarting, a host that did not
 * answer) stay retryable and the activity's retry policy waits them out.
 */
public final class XapiFailures {
  private XapiFailures() {}

  /** Failure type for a host that could not be reached at all. */
  public static final String POOL_UNREACHABLE = "POOL_UNREACHABLE";

  /** Failure type for a host that is up but does not answer as an XAPI we can verify (certificate, HTTP error). */
  public static final String UNIDENTIFIED = "HOST_UNIDENTIFIED";

  /** Failure type for a request an activity refuses before touching the pool. */
  public static final String INVALID_REQUEST = "INVALID_REQUEST";

  /**
   * Failure type for an address outside the worker's allowlist (its inventory): nothing was sent
   * there; only the worker's configuration can change that, so it is never retried.
   */
  public static final String ADDRESS_NOT_IN_INVENTORY = AddressNotAllowedException.CODE;

  /** Failure type for a request naming hosts of more than one inventory pool: one run acts on one pool. */
  public static final String ADDRESSES_IN_SEVERAL_POOLS = "ADDRESSES_IN_SEVERAL_POOLS";

  /** Codes that describe a passing condition: an agent restart, a dropped session, a host not answering yet. */
  private static final Set<String> TRANSIENT = Set.of(
      XapiErrors.HOST_STILL_BOOTING,
      XapiErrors.SESSION_INVALID,
      XapiErrors.CANNOT_CONTACT_HOST,
      "OTHER_OPERATION_IN_PROGRESS",
      "TOO_BUSY");

  public static boolean isTransient(String code) {
    return TRANSIENT.contains(code);
  }

  /** Maps a refusal; {@code what} names the operation and its objects for the message. */
  public static ApplicationFailure toApplicationFailure(XapiException e, String what) {
    String message = what + " refused: " + e.getMessage();
    if (isTransient(e.code())) {
      return ApplicationFailure.newFailureWithCause(message, e.code(), e, e.params());
    }
    return ApplicationFailure.newNonRetryableFailureWithCause(message, e.code(), e, e.params());
  }

  public static ApplicationFailure unreachable(PoolUnreachableException e, String what) {
    return ApplicationFailure.newFailureWithCause(what + ": " + e.getMessage(), POOL_UNREACHABLE, e, e.address());
  }

  /** An address the connector refused to reach: non-retryable, the address as detail. */
  public static ApplicationFailure notInInventory(AddressNotAllowedException e, String what) {
    return ApplicationFailure.newNonRetryableFailureWithCause(
        what + ": " + e.getMessage(), ADDRESS_NOT_IN_INVENTORY, e, e.address());
  }

  /** Bad input: nothing was changed, retrying would not help. */
  public static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, INVALID_REQUEST);
  }

  /** A refusal we decide ourselves before calling the pool, typed with the XAPI code the pool would give. */
  public static ApplicationFailure refused(String code, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, code);
  }

  /** A condition the activity waits out by being retried (e.g. the host is still booting). */
  public static ApplicationFailure notYet(String code, String message) {
    return ApplicationFailure.newFailure(message, code);
  }
}
