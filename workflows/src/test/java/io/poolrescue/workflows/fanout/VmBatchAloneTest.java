package io.poolrescue.workflows.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code VmBatch} is registered like a procedure, so anyone who reaches the frontend can start it by
 * its type name: on its own it must do nothing, whatever its request says.
 */
class VmBatchAloneTest {

  @Test
  void aBatchStartedOnItsOwnIsRefusedBeforeAnyReset() {
    try (RecoveryTestEnv t = RecoveryTestEnv.preset("small")) {
      Host h2 = t.host("host-2");
      List<String> vms = t.snapshot().residentVms(h2.ref()).stream().map(Vm::uuid).toList();
      t.sim.killHost(h2.uuid());
      long before = Journal.lastSeq(t.sim.journal());
      VmBatchRequest reset = new VmBatchRequest(VmBatchRequest.Kind.RESET, t.sim.masterAddress(), h2.uuid(), true,
          List.of(), List.of(vms), 4, true, null);
      WorkflowStub batch = t.client.newUntypedWorkflowStub("VmBatch", t.options("forged-batch"));
      batch.start(reset);

      WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> batch.getResult(VmBatchResult.class));
      ApplicationFailure cause = (ApplicationFailure) e.getCause();
      assertEquals(VmBatchWorkflowImpl.NOT_A_CHILD, cause.getType());
      assertEquals(List.of(), Journal.dangerous(t.sim.journal(), before), "no VM was reset");
      assertTrue(t.snapshot().residentVms(h2.ref()).size() >= vms.size() - 1, "the VMs are still resident on host-2");
    }
  }
}
