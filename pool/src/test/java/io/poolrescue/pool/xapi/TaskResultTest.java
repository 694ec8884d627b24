package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskResultTest {
  @Test
  void roundTripsAnArrayOfStrings() {
    List<String> refs = List.of("OpaqueRef:a", "OpaqueRef:b&<c>");
    assertEquals(refs, TaskResult.values(TaskResult.array(refs)));
    assertEquals(List.of(), TaskResult.values(TaskResult.array(List.of())));
  }

  @Test
  void readsXapiStyleResults() {
    assertEquals(List.of("OpaqueRef:x"),
        TaskResult.values("<value><array><data><value><string>OpaqueRef:x</string></value></data></array></value>"));
    assertEquals(List.of("OpaqueRef:x"), TaskResult.values("<value>OpaqueRef:x</value>"));
    assertEquals(List.of("plain"), TaskResult.values("plain"));
    assertEquals(List.of(), TaskResult.values(""));
  }
}
