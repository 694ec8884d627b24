package io.poolrescue.pool.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolInfo;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Vm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Builds a {@link PoolSnapshot} from the master with one {@code get_all_records} per class,
 * merging {@code host_metrics} (liveness, heartbeat, memory) into the hosts. The time stamp is the
 * master's own clock ({@code host.get_servertime}).
 */
final class SnapshotReader {
  private SnapshotReader() {}

  static PoolSnapshot read(RpcTarget master) {
    JsonNode pools = master.call("pool.get_all_records");
    if (!pools.isObject() || pools.isEmpty()) {
      throw new XapiException(XapiErrors.INTERNAL_ERROR, List.of("the master returned no pool object"));
    }
    Map.Entry<String, JsonNode> first = pools.fields().next();
    PoolInfo pool = RecordDecoder.pool(first.getKey(), first.getValue());

    JsonNode metrics = master.call("host_metrics.get_all_records");
    List<Host> hosts = new ArrayList<>();
    master.call("host.get_all_records").fields().forEachRemaining(e -> {
      String metricsRef = RecordDecoder.ref(e.getValue(), "metrics");
      hosts.add(RecordDecoder.host(e.getKey(), e.getValue(), metricsRef == null ? null : metrics.get(metricsRef)));
    });
    Instant now = pool.masterRef() == null ? Instant.now()
        : XapiDateTime.parse(master.callForString("host.get_servertime", pool.masterRef()));
    return new PoolSnapshot(now, pool, hosts,
        vms(master),
        all(master, "VBD", RecordDecoder::vbd),
        all(master, "VDI", RecordDecoder::vdi),
        all(master, "SR", RecordDecoder::sr),
        all(master, "PBD", RecordDecoder::pbd),
        all(master, "PIF", RecordDecoder::pif));
  }

  /** Templates and snapshots are VM records too on a real pool; they are not machines to recover. */
  private static List<Vm> vms(RpcTarget master) {
    List<Vm> out = new ArrayList<>();
    master.call("VM.get_all_records").fields().forEachRemaining(e -> {
      JsonNode r = e.getValue();
      if (!RecordDecoder.bool(r, "is_a_template") && !RecordDecoder.bool(r, "is_a_snapshot")) {
        out.add(RecordDecoder.vm(e.getKey(), r));
      }
    });
    return out;
  }

  private static <T> List<T> all(RpcTarget master, String cls, BiFunction<String, JsonNode, T> decode) {
    List<T> out = new ArrayList<>();
    master.call(cls + ".get_all_records").fields()
        .forEachRemaining(e -> out.add(decode.apply(e.getKey(), e.getValue())));
    return out;
  }
}
