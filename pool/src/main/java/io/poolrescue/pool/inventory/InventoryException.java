package io.poolrescue.pool.inventory;

import java.util.List;

/** The inventory file cannot be used; lists every problem found, each with where it is. */
public final class InventoryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InventoryException(String source, List<String> problems) {
    super("inventory " + source + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
