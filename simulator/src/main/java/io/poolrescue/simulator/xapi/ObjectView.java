package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One pool snapshot seen as XAPI's object database: records by class and ref, refs by uuid. Built
 * lazily and cached per record, so answering {@code VM.get_power_state} on a 4,096-VM pool encodes
 * one VM, not all of them. Records are shared between requests and must not be modified.
 *
 * <p>{@code host_metrics} objects are not in the model; their refs and uuids are derived from the
 * host's, so they stay the same for the life of the host.
 */
final class ObjectView {
  static final List<String> CLASSES = List.of("pool", "host", "host_metrics", "VM", "VBD", "VDI", "SR", "PBD", "PIF");

  private final PoolSnapshot snapshot;
  private final RecordEncoder encoder;
  private final Map<String, Map<String, ObjectNode>> records = new ConcurrentHashMap<>();
  private final Map<String, Object> indexes = new ConcurrentHashMap<>();

  ObjectView(PoolSnapshot snapshot, RecordEncoder encoder) {
    this.snapshot = snapshot;
    this.encoder = encoder;
  }

  PoolSnapshot snapshot() {
    return snapshot;
  }

  static String metricsRef(String hostRef) {
    return "OpaqueRef:" + nameUuid("host_metrics/" + hostRef);
  }

  static String metricsUuid(String hostUuid) {
    return nameUuid("host_metrics-of/" + hostUuid);
  }

  private static String nameUuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The record, or null when no object of that class has that ref. */
  ObjectNode record(String cls, String ref) {
    if (ref == null || !exists(cls, ref)) {
      return null;
    }
    Map<String, ObjectNode> byRef = records.computeIfAbsent(cls, c -> new ConcurrentHashMap<>());
    ObjectNode r = byRef.get(ref);
    if (r == null) {
      ObjectNode built = encode(cls, ref);
      r = byRef.putIfAbsent(ref, built);
      if (r == null) {
        r = built;
      }
    }
    return r;
  }

  boolean exists(String cls, String ref) {
    return switch (cls) {
      case "pool" -> snapshot.pool().ref().equals(ref);
      case "host" -> snapshot.host(ref).isPresent();
      case "host_metrics" -> metricsIndex().containsKey(ref);
      case "VM" -> snapshot.vm(ref).isPresent();
      case "VBD" -> snapshot.vbd(ref).isPresent();
      case "VDI" -> snapshot.vdi(ref).isPresent();
      case "SR" -> snapshot.sr(ref).isPresent();
      case "PBD" -> snapshot.pbd(ref).isPresent();
      case "PIF" -> pifIndex().containsKey(ref);
      default -> false;
    };
  }

  /** Every ref of a class, in the snapshot's order. */
  List<String> refs(String cls) {
    return switch (cls) {
      case "pool" -> List.of(snapshot.pool().ref());
      case "host" -> snapshot.hosts().stream().map(Host::ref).toList();
      case "host_metrics" -> snapshot.hosts().stream().map(h -> metricsRef(h.ref())).toList();
      case "VM" -> snapshot.vms().stream().map(Vm::ref).toList();
      case "VBD" -> snapshot.vbds().stream().map(Vbd::ref).toList();
      case "VDI" -> snapshot.vdis().stream().map(Vdi::ref).toList();
      case "SR" -> snapshot.srs().stream().map(Sr::ref).toList();
      case "PBD" -> snapshot.pbds().stream().map(Pbd::ref).toList();
      case "PIF" -> snapshot.pifs().stream().map(Pif::ref).toList();
      default -> List.of();
    };
  }

  /** ref -> record for the whole class, in the snapshot's order. */
  Map<String, ObjectNode> all(String cls) {
    return index("all/" + cls, () -> {
      Map<String, ObjectNode> out = new LinkedHashMap<>();
      for (String ref : refs(cls)) {
        out.put(ref, record(cls, ref));
      }
      return Collections.unmodifiableMap(out);
    });
  }

  /**
   * {@code get_all_records} of a class as JSON text, serialised once per snapshot: on the large
   * preset the VM table alone is over 2 MB, and snapshots are read far more often than they change.
   */
  RawValue allJson(String cls) {
    return index("json/" + cls, () -> new RawValue(encoder.text(all(cls))));
  }

  /** The ref of the object with that uuid, or null. */
  String refByUuid(String cls, String uuid) {
    if (uuid == null) {
      return null;
    }
    return switch (cls) {
      case "pool" -> snapshot.pool().uuid().equals(uuid) ? snapshot.pool().ref() : null;
      case "host" -> snapshot.hostByUuid(uuid).map(Host::ref).orElse(null);
      case "VM" -> snapshot.vmByUuid(uuid).map(Vm::ref).orElse(null);
      case "VDI" -> snapshot.vdiByUuid(uuid).map(Vdi::ref).orElse(null);
      case "SR" -> snapshot.srByUuid(uuid).map(Sr::ref).orElse(null);
      case "PBD" -> snapshot.pbdByUuid(uuid).map(Pbd::ref).orElse(null);
      default -> uuidIndex(cls).get(uuid);
    };
  }

  /** The uuid of an existing object. */
  String uuidOf(String cls, String ref) {
    ObjectNode r = record(cls, ref);
    return r == null ? null : r.path("uuid").asText();
  }

  private ObjectNode encode(String cls, String ref) {
    return switch (cls) {
      case "pool" -> encoder.pool(snapshot.pool());
      case "host" -> {
        Host h = snapshot.host(ref).orElseThrow();
        yield encoder.host(h, metricsRef(h.ref()), snapshot);
      }
      case "host_metrics" -> {
        Host h = metricsIndex().get(ref);
        yield encoder.hostMetrics(h, metricsUuid(h.uuid()));
      }
      case "VM" -> encoder.vm(snapshot.vm(ref).orElseThrow());
      case "VBD" -> encoder.vbd(snapshot.vbd(ref).orElseThrow());
      case "VDI" -> encoder.vdi(snapshot.vdi(ref).orElseThrow(), vbdsByVdi().getOrDefault(ref, List.of()));
      case "SR" -> encoder.sr(snapshot.sr(ref).orElseThrow(), snapshot);
      case "PBD" -> encoder.pbd(snapshot.pbd(ref).orElseThrow());
      case "PIF" -> encoder.pif(pifIndex().get(ref));
      default -> throw new IllegalArgumentException("no class " + cls);
    };
  }

  private Map<String, Host> metricsIndex() {
    return index("metrics", () -> {
      Map<String, Host> m = new HashMap<>();
      snapshot.hosts().forEach(h -> m.put(metricsRef(h.ref()), h));
      return m;
    });
  }

  private Map<String, Pif> pifIndex() {
    return index("pif", () -> {
      Map<String, Pif> m = new HashMap<>();
      snapshot.pifs().forEach(p -> m.put(p.ref(), p));
      return m;
    });
  }

  private Map<String, List<String>> vbdsByVdi() {
    return index("vbdsByVdi", () -> {
      Map<String, List<String>> m = new HashMap<>();
      snapshot.vbds().forEach(b -> {
        if (b.vdiRef() != null) {
          m.computeIfAbsent(b.vdiRef(), k -> new ArrayList<>()).add(b.ref());
        }
      });
      return m;
    });
  }

  /** uuid -> ref for the classes the snapshot has no uuid lookup for. */
  private Map<String, String> uuidIndex(String cls) {
    return index("uuid/" + cls, () -> {
      Map<String, String> m = new HashMap<>();
      for (String ref : refs(cls)) {
        m.put(record(cls, ref).path("uuid").asText(), ref);
      }
      return m;
    });
  }

  /** Builds outside the map's lock: one index may need another while it is being built. */
  @SuppressWarnings("unchecked")
  private <T> T index(String name, Supplier<T> build) {
    Object existing = indexes.get(name);
    if (existing == null) {
      Object built = build.get();
      existing = indexes.putIfAbsent(name, built);
      if (existing == null) {
        existing = built;
      }
    }
    return (T) existing;
  }
}
