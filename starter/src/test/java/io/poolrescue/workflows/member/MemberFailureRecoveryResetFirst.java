package io.poolrescue.workflows.member;

import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.activities.inspection.VmSummary;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.core.ApprovalGate;
import io.poolrescue.workflows.core.Polling;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import io.poolrescue.workflows.fanout.VmFanOut;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;

/**
 * TEST ONLY — an incompatible change to {@link MemberFailureRecoveryImpl}, for the audit's tests: the
 * same procedure, except that in FORGET mode the host's VMs are reset as soon as the master declares
 * the host dead, i.e. the reset step is moved before the {@code confirm-host-off} gate (and its own
 * {@code reset-vms} gate). Registered under the same workflow type, it replays a history of today's
 * code identically up to the point where today's code opened that gate, and must be caught there.
 *
 * <p>It sits in the procedure's package (in test sources) to reuse its package-private parts
 * ({@link MemberForget}, {@link MemberRepair}, {@link MemberEvidence}); everything up to the moved
 * step follows {@link MemberFailureRecoveryImpl} as it is today.
 */
public final class MemberFailureRecoveryResetFirst implements MemberFailureRecovery {

  private final ActivityStubs acts = new ActivityStubs(Versions.ORIGINAL);
  private final RunStatusRecorder status;
  private final ApprovalGate gate;

  @WorkflowInit
  public MemberFailureRecoveryResetFirst(MemberFailureRequest r) {
    status = new RunStatusRecorder("MemberFailureRecovery", r == null ? null : r.requestedBy());
    gate = new ApprovalGate(r == null ? null : r.approvals(), r == null ? null : r.requestedBy(), status,
        acts.notify);
  }

  @Override
  public RunStatus status() {
    return status.status();
  }

  @Override
  public GateDecision decide(DecideRequest request) {
    return gate.decide(request);
  }

  @Override
  public void validateDecide(DecideRequest request) {
    gate.validate(request);
  }

  @Override
  public RunResult run(MemberFailureRequest r) {
    RunResult result = recover(r);
    acts.inspect.pool(r.poolAddress());
    return status.finish(result);
  }

  private RunResult recover(MemberFailureRequest r) {
    plan(r.mode());
    acts.inspect.pool(r.poolAddress());
    status.start("inspect");
    HostInspection first = acts.inspect.host(r.poolAddress(), r.hostUuid());
    if (!first.exists() || first.poolMaster() || first.liveAndAnswering()) {
      return status.failed("nothing to recover");
    }
    status.done("inspect", first.residentVms().size() + " resident VMs");
    status.start("wait-dead");
    HostInspection i = waitUntilDead(r, first);
    if (i.live()) {
      return new RunResult(Outcome.NOTHING_TO_DO, "the host came back", List.of());
    }
    status.done("wait-dead", "the master marks the host dead");
    if (r.mode() == Mode.REPAIR) {
      // the old behaviour: a REPAIR of version ORIGINAL never continues as new
      return new MemberRepair(acts, status, Versions.ORIGINAL, (start, before) -> {
        throw new IllegalStateException("runs before version 5 do not continue as new");
      }).run(r, i);
    }
    // THE INCOMPATIBLE CHANGE: the VMs are reset here, before any gate has asked anyone
    new VmFanOut(acts, status, r.maxParallel()).reset(r.poolAddress(), r.hostUuid(), false,
        i.residentVms().stream().map(VmSummary::uuid).toList(), null, false);
    return new MemberForget(acts, status, gate, Versions.ORIGINAL).run(r, first, i, null);
  }

  private void plan(Mode mode) {
    status.plan("inspect", "Inspect the host, its VMs, SRs and locks");
    status.plan("wait-dead", "Wait until the master declares the host dead (or it comes back)");
    if (mode == Mode.REPAIR) {
      status.plan("wait-back", "Wait for the repaired host to come back");
      status.plan("verify", "Verify the host is live and follows the master");
      return;
    }
    for (String step : List.of("confirm-off", "disable-ha", "reset-vms", "release-locks", "forget-host", "enable-ha",
        "restart-vms")) {
      status.plan(step, step);
    }
  }

  private HostInspection waitUntilDead(MemberFailureRequest r, HostInspection i) {
    long start = Workflow.currentTimeMillis();
    while (i.live() && !i.liveAndAnswering()) {
      if (Duration.ofMillis(Workflow.currentTimeMillis() - start).compareTo(MemberFailureRecoveryImpl.MAX_WAIT_FOR_DEAD)
          >= 0) {
        return i;
      }
      status.waiting("wait-dead", "the master still marks the host live");
      Workflow.sleep(Polling.FAST);
      i = acts.inspect.host(r.poolAddress(), r.hostUuid());
      if (!i.exists()) {
        return i;
      }
    }
    return i;
  }
}
