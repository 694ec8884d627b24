package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poolrescue.pool.model.Host;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.xapi.WireFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The serial travels as XAPI carries it, bios_strings["system-serial-number"], and survives a dump and restore. */
class HostSerialWireTest {

  @Test
  void theClientReadsEachHostsSerialFromBiosStrings() {
    try (WireFixture f = WireFixture.small(); XapiClient c = f.master()) {
      List<String> serials = c.snapshot().hosts().stream().map(Host::serial).sorted().toList();
      assertEquals(List.of("SIM-HOST-1", "SIM-HOST-2", "SIM-HOST-3"), serials);
    }
  }

  @Test
  void aDatabaseDumpKeepsTheSerials() {
    SimulatedPool sim = SimulatedPool.preset("small");
    String dump = new String(sim.dumpDatabase(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(3, dump.split("system-serial-number", -1).length - 1, dump);
  }
}
