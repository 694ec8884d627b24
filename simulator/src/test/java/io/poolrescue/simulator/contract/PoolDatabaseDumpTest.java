package io.poolrescue.simulator.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.PoolDatabaseDump;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.simulator.SimulatedPool;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolDatabaseDumpTest {
  private final SimulatedPool sim = SimulatedPool.preset("small");
  private final byte[] dump = sim.dumpDatabase();

  @Test
  void readsWhatTheBackupCheckNeeds() {
    PoolSnapshot s = sim.snapshot();
    PoolDatabaseDump d = PoolDatabaseDump.parse(dump);
    assertEquals(PoolDatabaseDump.SCHEMA_MAJOR, d.schemaMajor());
    assertEquals(PoolDatabaseDump.SCHEMA_MINOR, d.schemaMinor());
    assertEquals(s.pool().uuid(), d.poolUuid());
    assertEquals(s.master().orElseThrow().uuid(), d.masterHostUuid());
    assertEquals(s.master().orElseThrow().address(), d.master().orElseThrow().address());
    assertEquals(3, d.hosts().size());
    assertEquals(List.of("eth0", "eth1"), d.masterNicDevices());
    assertEquals("eth0", d.masterManagementDevice());
    assertEquals(12, d.vmCount());
    assertEquals(4, d.srs().size());
    assertEquals(1, d.srs().stream().filter(PoolDatabaseDump.DumpSr::shared).count());
    assertEquals(1, d.table("secret").size(), "the dump carries the pool secret");
    String text = new String(dump, StandardCharsets.UTF_8);
    assertTrue(text.contains("<pair key=\"schema_major_vsn\" value=\"5\"/>"), "XAPI's manifest format");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not XML                 | hello world                                  | not well-formed",
      "another root            | <pool/>                                      | root element is <pool>",
      "no manifest             | <database><table name=\"pool\"/></database>  | no schema_major_vsn",
      "bad version             | <database><manifest><pair key=\"schema_major_vsn\" value=\"x\"/></manifest></database> | not a number"})
  void aDamagedDumpIsRefusedWithItsReason(String what, String xml, String reason) {
    PoolDatabaseDump.CorruptDumpException e = assertThrows(PoolDatabaseDump.CorruptDumpException.class,
        () -> PoolDatabaseDump.parse(xml.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void aTruncatedDumpIsRefused() {
    byte[] half = Arrays.copyOf(dump, dump.length - 200);
    PoolDatabaseDump.CorruptDumpException e = assertThrows(PoolDatabaseDump.CorruptDumpException.class,
        () -> PoolDatabaseDump.parse(half));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertThrows(PoolDatabaseDump.CorruptDumpException.class, () -> PoolDatabaseDump.parse(new byte[0]));
  }

  @Test
  void aDumpWhoseMasterIsNotAHostIsRefused() {
    String text = new String(dump, StandardCharsets.UTF_8);
    String masterRef = sim.snapshot().pool().masterRef();
    String broken = text.replace("master=\"" + masterRef + "\"", "master=\"OpaqueRef:nobody\"");
    PoolDatabaseDump.CorruptDumpException e = assertThrows(PoolDatabaseDump.CorruptDumpException.class,
        () -> PoolDatabaseDump.parse(broken.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("OpaqueRef:nobody"), e.getMessage());
  }

  @Test
  void externalEntitiesAreNotResolved() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><database>&x;</database>";
    assertThrows(PoolDatabaseDump.CorruptDumpException.class,
        () -> PoolDatabaseDump.parse(xxe.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void mapFieldsRoundTripWithQuotes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("host_OpaqueRef:a", "RW");
    m.put("it's", "back\\slash");
    assertEquals(m, PoolDatabaseDump.sexprMap(PoolDatabaseDump.sexpr(m)));
    assertEquals(Map.of(), PoolDatabaseDump.sexprMap("()"));
    assertThrows(PoolDatabaseDump.CorruptDumpException.class, () -> PoolDatabaseDump.sexprMap("(('a'"));
  }
}
