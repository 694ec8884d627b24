package io.poolrescue.activities.policy;

import java.util.List;

/** The policy file cannot be used; lists every problem found. */
public final class PolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PolicyException(String source, List<String> problems) {
    super("approval policy " + source + ": " + String.join("; ", problems));
  }
}
