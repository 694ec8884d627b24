package io.poolrescue.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One class of a pool database: immutable rows by ref (in creation order) and by uuid. */
final class Table<T> {
  private final Function<T, String> refOf;
  private final Function<T, String> uuidOf;
  private final LinkedHashMap<String, T> byRef;
  private final HashMap<String, T> byUuid;

  Table(Function<T, String> refOf, Function<T, String> uuidOf) {
    this(refOf, uuidOf, new LinkedHashMap<>(), new HashMap<>());
  }

  private Table(Function<T, String> refOf, Function<T, String> uuidOf, LinkedHashMap<String, T> byRef,
      HashMap<String, T> byUuid) {
    this.refOf = refOf;
    this.uuidOf = uuidOf;
    this.byRef = byRef;
    this.byUuid = byUuid;
  }

  T get(String ref) {
    return ref == null ? null : byRef.get(ref);
  }

  T byUuid(String uuid) {
    return uuid == null ? null : byUuid.get(uuid);
  }

  boolean has(String ref) {
    return ref != null && byRef.containsKey(ref);
  }

  /** Inserts or replaces the row with the same ref, keeping its position. */
  void put(T row) {
    T old = byRef.put(refOf.apply(row), row);
    if (old != null) {
      byUuid.remove(uuidOf.apply(old));
    }
    byUuid.put(uuidOf.apply(row), row);
  }

  void remove(String ref) {
    T old = byRef.remove(ref);
    if (old != null) {
      byUuid.remove(uuidOf.apply(old));
    }
  }

  Collection<T> all() {
    return byRef.values();
  }

  List<T> list() {
    return new ArrayList<>(byRef.values());
  }

  int size() {
    return byRef.size();
  }

  Table<T> copy() {
    return new Table<>(refOf, uuidOf, new LinkedHashMap<>(byRef), new HashMap<>(byUuid));
  }

  Map<String, T> view() {
    return java.util.Collections.unmodifiableMap(byRef);
  }
}
