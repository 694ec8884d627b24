package io.poolrescue.workflows.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.inspection.HostSummary;
import io.poolrescue.activities.inspection.PoolVm;
import io.poolrescue.workflows.api.PoolPicture;
import io.poolrescue.workflows.api.PoolView;
import io.poolrescue.workflows.api.PoolViewRequest;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's look at a pool through the worker, on the Temporal test server with the simulated
 * pool over the XAPI wire: the master's records of hosts and VMs, the address checked against the
 * inventory first, and nothing dangerous called.
 */
class PoolViewTest {
  private RecoveryTestEnv t;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  private PoolView stub(String id) {
    return t.client.newWorkflowStub(PoolView.class, t.options(id));
  }

  @Test
  void theMastersRecordsOfHostsAndVmsAndNothingElse() {
    t = RecoveryTestEnv.preset("small");
    String dead = t.host("host-2").uuid();
    t.sim.killHost(dead);
    long before = Journal.lastSeq(t.sim.journal());

    PoolPicture p = stub("pool-view-small").look(new PoolViewRequest(t.sim.masterAddress()));

    assertEquals(List.of("host-1", "host-2", "host-3"), p.overview().hosts().stream().map(HostSummary::nameLabel)
        .sorted().toList());
    assertTrue(p.overview().hosts().stream().filter(HostSummary::master).allMatch(h -> h.nameLabel().equals("host-1")));
    assertEquals(12, p.vms().size(), "the preset's 12 VMs, control domains left out");
    PoolVm vm05 = p.vms().stream().filter(v -> v.nameLabel().equals("vm-05")).findFirst().orElseThrow();
    assertEquals("Running", vm05.powerState(), "the master still records it running on the dead host");
    assertEquals(dead, vm05.residentOn());
    assertEquals(List.of(), Journal.dangerous(t.sim.journal(), before), "a look changes nothing");
  }

  @Test
  void anAddressOutsideTheInventoryIsRefusedBeforeAnyLogin() {
    t = RecoveryTestEnv.preset("small");
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> stub("pool-view-elsewhere").look(new PoolViewRequest("192.0.2.7")));
    ApplicationFailure cause = (ApplicationFailure) ((ActivityFailure) e.getCause()).getCause();
    assertEquals("ADDRESS_NOT_IN_INVENTORY", cause.getType(), cause.getOriginalMessage());
    WorkflowFailedException none = assertThrows(WorkflowFailedException.class,
        () -> stub("pool-view-none").look(new PoolViewRequest(" ")));
    assertEquals(PoolViewImpl.BAD_REQUEST, ((ApplicationFailure) none.getCause()).getType());
  }
}
