package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.xapi.RecordDecoder;
import io.poolrescue.pool.xapi.XapiRefs;
import io.poolrescue.simulator.SimulatedPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's XAPI records: exactly the declared fields, and they decode back to the model. */
class ObjectViewTest {
  private final PoolSnapshot snapshot = SimulatedPool.preset("small").snapshot();
  private final ObjectView view = new ObjectView(snapshot, new RecordEncoder(new ObjectMapper()));

  @Test
  void everyRecordHasExactlyTheDeclaredFields() {
    for (String cls : ObjectView.CLASSES) {
      Map<String, ObjectNode> all = view.all(cls);
      assertFalse(all.isEmpty(), cls);
      for (ObjectNode record : all.values()) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        assertEquals(RecordEncoder.FIELDS.get(cls), names, cls);
      }
    }
  }

  @Test
  void recordsDecodeBackToTheModel() {
    assertEquals(snapshot.pool(), RecordDecoder.pool(snapshot.pool().ref(), view.record("pool", snapshot.pool().ref())));
    for (Host h : snapshot.hosts()) {
      ObjectNode record = view.record("host", h.ref());
      ObjectNode metrics = view.record("host_metrics", record.get("metrics").asText());
      assertEquals(h, RecordDecoder.host(h.ref(), record, metrics));
    }
    snapshot.vms().forEach(v -> assertEquals(v, RecordDecoder.vm(v.ref(), view.record("VM", v.ref()))));
    snapshot.vbds().forEach(b -> assertEquals(b, RecordDecoder.vbd(b.ref(), view.record("VBD", b.ref()))));
    snapshot.vdis().forEach(d -> assertEquals(d, RecordDecoder.vdi(d.ref(), view.record("VDI", d.ref()))));
    snapshot.srs().forEach(s -> assertEquals(s, RecordDecoder.sr(s.ref(), view.record("SR", s.ref()))));
    snapshot.pbds().forEach(p -> assertEquals(p, RecordDecoder.pbd(p.ref(), view.record("PBD", p.ref()))));
    snapshot.pifs().forEach(p -> assertEquals(p, RecordDecoder.pif(p.ref(), view.record("PIF", p.ref()))));
  }

  @Test
  void refsAndUuidsResolveBothWaysAndUnknownOnesDoNot() {
    for (String cls : ObjectView.CLASSES) {
      for (String ref : view.refs(cls)) {
        String uuid = view.uuidOf(cls, ref);
        assertEquals(ref, view.refByUuid(cls, uuid), cls);
        assertTrue(view.exists(cls, ref));
      }
      assertNull(view.record(cls, "OpaqueRef:none"));
      assertNull(view.refByUuid(cls, "none"));
    }
    String hostRef = snapshot.hosts().get(0).ref();
    assertFalse(view.exists("VM", hostRef), "a host's ref is not a VM's");
    assertEquals(XapiRefs.NULL, view.record("VM", snapshot.vms().stream()
        .filter(v -> v.residentOn() == null).findFirst().orElseThrow().ref()).get("resident_on").asText());
  }
}
