package io.poolrescue.workflows.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * What a run's request points at: the key of the pool lock it takes when the worker's inventory does
 * not name the pool (null takes none), and every address it names, each of which must be a host of
 * the worker's inventory before anything logs in.
 */
public record RunTarget(String lockKey, List<String> addresses) {
  /** A run that takes no lock and names no address (a backup round only reads). */
  public static final RunTarget NONE = new RunTarget(null, List.of());

  public RunTarget {
    addresses = List.copyOf(addresses);
  }

  /** Addresses from request fields, single ones and lists, leaving out the absent ones. */
  public static RunTarget of(String lockKey, Object... addressFields) {
    List<String> out = new ArrayList<>();
    add(out, Arrays.asList(addressFields)); // absent fields are nulls: List.of would refuse them
    return new RunTarget(lockKey, out);
  }

  private static void add(List<String> out, Collection<?> fields) {
    for (Object f : fields) {
      if (f instanceof Collection<?> c) {
        add(out, c);
      } else if (f instanceof String a && !a.isBlank()) {
        out.add(a);
      }
    }
  }
}
