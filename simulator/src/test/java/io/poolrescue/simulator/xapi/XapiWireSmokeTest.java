package io.poolrescue.simulator.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.xapi.XapiClient;
import org.junit.jupiter.api.Test;

class XapiWireSmokeTest {
  @Test
  void snapshotOverTheWireEqualsTheInProcessOne() {
    try (WireFixture f = WireFixture.small(); XapiClient client = f.client("127.0.10.2")) {
      PoolSnapshot wire = client.snapshot();
      PoolSnapshot local = f.sim.snapshot();
      assertEquals(local.takenAt(), wire.takenAt());
      assertEquals(local.pool(), wire.pool());
      assertEquals(local.hosts(), wire.hosts());
      assertEquals(local.vms(), wire.vms());
      assertEquals(local.vbds(), wire.vbds());
      assertEquals(local.vdis(), wire.vdis());
      assertEquals(local.srs(), wire.srs());
      assertEquals(local.pbds(), wire.pbds());
      assertEquals(local.pifs(), wire.pifs());
    }
  }
}
