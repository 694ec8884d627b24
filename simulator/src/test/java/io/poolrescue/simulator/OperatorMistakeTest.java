package io.poolrescue.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An operator deletes a VM by mistake: what the VM metadata import demo recovers from. */
class OperatorMistakeTest {

  @Test
  void destroyingAHaltedVmRemovesItsRecordAndVbdsButKeepsItsDisks() {
    SimulatedPool sim = SimulatedPool.preset("small");
    PoolSnapshot before = sim.snapshot();
    Vm halted = before.vms().stream().filter(v -> !v.controlDomain() && v.powerState() == PowerState.HALTED)
        .findFirst().orElseThrow();
    List<String> disks = before.disksOf(halted.ref()).stream().map(d -> d.uuid()).toList();
    assertTrue(!disks.isEmpty());

    sim.destroyHaltedVm(halted.uuid());

    PoolSnapshot after = sim.snapshot();
    assertTrue(after.vmByUuid(halted.uuid()).isEmpty());
    assertTrue(after.vbds().stream().noneMatch(b -> b.vmRef().equals(halted.ref())));
    assertTrue(disks.stream().allMatch(d -> after.vdiByUuid(d).isPresent()), "its disks stay");
    assertEquals(before.vms().size() - 1, after.vms().size());
  }

  @Test
  void aRunningVmIsRefusedAndNothingChanges() {
    SimulatedPool sim = SimulatedPool.preset("small");
    PoolSnapshot before = sim.snapshot();
    Vm running = before.vms().stream().filter(v -> !v.controlDomain() && v.powerState() == PowerState.RUNNING)
        .findFirst().orElseThrow();

    XapiException e = assertThrows(XapiException.class, () -> sim.destroyHaltedVm(running.uuid()));

    assertEquals(XapiErrors.VM_BAD_POWER_STATE, e.code());
    assertEquals(List.of(running.ref(), "halted", "running"), e.params());
    assertEquals(before.vms().size(), sim.snapshot().vms().size());
  }
}
