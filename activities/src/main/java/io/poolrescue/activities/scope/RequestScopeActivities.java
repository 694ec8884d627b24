package io.poolrescue.activities.scope;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The check every run makes first: every address its request names must be a host of the worker's
 * inventory (or, without one, the worker's {@code --xapi} host), all of one pool. It only compares
 * with the worker's configuration and connects to nothing, so a refused request has logged in
 * nowhere.
 */
@ActivityInterface(namePrefix = "Scope")
public interface RequestScopeActivities {

  /**
   * The request's scope. Null and blank entries are skipped (optional request fields). Fails,
   * non-retryable, with type {@code ADDRESS_NOT_IN_INVENTORY} naming every address outside the
   * allowlist (details: those addresses), or {@code ADDRESSES_IN_SEVERAL_POOLS} when the addresses
   * belong to different inventory pools (details: address=pool uuid pairs).
   */
  @ActivityMethod
  RequestScope check(List<String> addresses);
}
