package io.poolrescue.workflows.master;

import io.poolrescue.activities.inspection.HostSummary;
import io.poolrescue.activities.inspection.PoolOverview;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Optional;

/**
 * After a promotion the old master is a dead member of the new master's pool: a child
 * MemberFailureRecovery (FORGET, SR-master flag on) handles it with its own gates, decided on the
 * child's workflow id; its outcome becomes the parent's.
 */
final class OldMasterHandOff {
  private final ActivityStubs acts;
  private final RunStatusRecorder status;

  OldMasterHandOff(ActivityStubs acts, RunStatusRecorder status) {
    this.acts = acts;
    this.status = status;
  }

  /** The old master is now a dead member of the new master's pool: a child run forgets it, with its own gates. */
  RunResult run(MasterFailureRequest r, String master) {
    status.start(MasterSteps.FORGET_OLD_MASTER);
    PoolOverview o = acts.inspect.pool(master);
    Optional<HostSummary> oldHost = o.hosts().stream()
        .filter(h -> r.oldMasterAddress().equals(h.address())).findFirst();
    if (oldHost.isEmpty()) {
      status.skip(MasterSteps.FORGET_OLD_MASTER, "the new master does not know a host at " + r.oldMasterAddress());
      return new RunResult(Outcome.RECOVERED, "member " + master + " promoted; every member follows it", List.of());
    }
    String childId = Workflow.getInfo().getWorkflowId() + "/forget-old-master";
    status.child(childId);
    status.running(MasterSteps.FORGET_OLD_MASTER, "child run " + childId + " (its gates are decided on that workflow id)");
    MemberFailureRecovery child = Workflow.newChildWorkflowStub(MemberFailureRecovery.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(childId)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
            .build());
    RunResult c = child.run(new MemberFailureRequest(master, oldHost.get().uuid(), MemberFailureRequest.Mode.FORGET,
        r.requestedBy(), r.approvals(), r.maxParallel(), true));
    String promoted = "member " + master + " promoted and followed by the members; ";
    switch (c.outcome()) {
      case RECOVERED -> {
        status.done(MasterSteps.FORGET_OLD_MASTER, c.summary());
        return new RunResult(Outcome.RECOVERED, promoted + "old master: " + c.summary(), c.notRestartable());
      }
      case NOTHING_TO_DO -> {
        status.done(MasterSteps.FORGET_OLD_MASTER, c.summary());
        return new RunResult(Outcome.RECOVERED, promoted + "old master: " + c.summary(), List.of());
      }
      default -> {
        status.fail(MasterSteps.FORGET_OLD_MASTER, c.outcome() + ": " + c.summary());
        return new RunResult(c.outcome(), promoted + "forgetting the old master stopped (" + childId + "): "
            + c.summary(), c.notRestartable());
      }
    }
  }
}
