package io.poolrescue.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.DefaultSrCheck;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pif;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PresetsTest {

  @Test
  void smallHasThreeHostsTwelveVmsOneSharedDefaultSrAndLocalSrs() {
    SimulatedPool sim = SimulatedPool.preset("small");
    PoolSnapshot s = sim.snapshot();
    assertEquals(List.of("host-1", "host-2", "host-3"), s.hosts().stream().map(Host::nameLabel).toList());
    assertEquals("host-1", s.master().orElseThrow().nameLabel());
    assertEquals(List.of("127.0.10.1", "127.0.10.2", "127.0.10.3"), s.hosts().stream().map(Host::address).toList());
    assertEquals(sim.addresses().subList(0, 3), s.hosts().stream().map(Host::address).toList());
    assertTrue(s.hosts().stream().allMatch(Host::live));

    List<Vm> vms = s.vms().stream().filter(v -> !v.controlDomain()).toList();
    assertEquals(12, vms.size());
    assertEquals(3, s.vms().stream().filter(Vm::controlDomain).count(), "one control domain per host");
    assertEquals(Set.of("restart", "best-effort", ""), vms.stream().map(Vm::haRestartPriority).collect(Collectors.toSet()));
    assertEquals(11, vms.stream().filter(v -> v.powerState() == PowerState.RUNNING).count());

    List<Sr> shared = s.srs().stream().filter(Sr::shared).toList();
    assertEquals(1, shared.size());
    assertEquals("nfs", shared.get(0).type());
    assertEquals(new DefaultSrCheck.Valid(shared.get(0).uuid()), DefaultSrCheck.evaluate(s));
    for (Host h : s.hosts()) {
      Sr local = Lookup.sr(s, "local-" + h.nameLabel());
      assertEquals(h, s.ownerOf(local).orElseThrow());
      assertTrue(s.srPluggedOn(local.ref(), h.ref()));
      assertEquals(List.of("eth0", "eth1"), s.nicDevicesOf(h.ref()));
      assertEquals(List.of("eth0"), s.pifsOf(h.ref()).stream().filter(Pif::management).map(Pif::device).toList());
    }
    long onLocal = vms.stream().filter(v -> s.srsOf(v.ref()).stream().anyMatch(sr -> !sr.shared())).count();
    assertEquals(2, onLocal, "a couple of VMs have disks on a local SR");

    Map<String, String> domains = sim.runningDomains();
    for (Vm v : vms) {
      if (v.powerState() == PowerState.RUNNING) {
        String host = s.host(v.residentOn()).orElseThrow().uuid();
        assertEquals(host, domains.get(v.uuid()), v.nameLabel() + " really runs where the DB says");
        for (Vdi d : s.disksOf(v.ref())) {
          assertEquals(Map.of(Vdi.lockKey(v.residentOn()), "RW"), d.smConfig());
        }
      } else {
        assertFalse(domains.containsKey(v.uuid()));
      }
    }
  }

  @Test
  void presetCredentialsAreCheckedExactly() {
    SimulatedPool sim = SimulatedPool.preset("small");
    assertTrue(sim.authenticate("root", "poolrescue-sim"));
    assertFalse(sim.authenticate("root", "poolrescue-sim "));
    assertFalse(sim.authenticate("admin", "poolrescue-sim"));
    assertFalse(sim.authenticate(null, null));
  }

  @Test
  void largeHas64HostsAnd4096VmsAndCanAbsorbAnyLostHost() {
    SimulatedPool sim = SimulatedPool.preset("large");
    PoolSnapshot s = sim.snapshot();
    assertEquals(64, s.hosts().size());
    assertEquals(4096, s.vms().stream().filter(v -> !v.controlDomain()).count());
    assertEquals(4, s.srs().stream().filter(Sr::shared).count());
    assertEquals(64, s.srs().stream().filter(sr -> !sr.shared()).count());
    assertTrue(s.hosts().stream().allMatch(h -> h.address().startsWith("127.0.20.")));
    Map<String, Long> running = new HashMap<>();
    for (Vm v : s.vms()) {
      if (!v.controlDomain() && v.powerState() == PowerState.RUNNING) {
        running.merge(v.residentOn(), v.memory(), Long::sum);
      }
    }
    long totalFree = s.hosts().stream().mapToLong(Host::memoryFree).sum();
    for (Host h : s.hosts()) {
      long lost = running.getOrDefault(h.ref(), 0L);
      assertTrue(lost > 0);
      assertTrue(lost <= totalFree - h.memoryFree(), h.nameLabel() + "'s VMs fit on the others");
    }
  }

  @Test
  void anUnknownPresetIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatedPool.preset("medium"));
    assertTrue(e.getMessage().contains("medium") && e.getMessage().contains("small"), e.getMessage());
  }

  @Test
  void smallHaStartsWithHaOn() {
    assertTrue(SimulatedPool.preset("small-ha").snapshot().pool().haEnabled());
  }
}
