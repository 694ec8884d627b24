package io.poolrescue.audit.variant;

import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.activities.inspection.VmSummary;
import io.poolrescue.activities.vm.ResetBatch;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.core.RecoveryActivities;
import io.poolrescue.workflows.member.MemberFailureRecoveryImpl;
import io.temporal.workflow.WorkflowInit;

/**
 * A test-only, incompatible change to {@code MemberFailureRecovery}: it resets the failed host's VMs
 * right after its first inspection — before the master has declared the host dead and before the
 * {@code confirm-host-off} and {@code reset-vms} gates — and then runs today's procedure. Registered
 * under the same workflow type, it must not replay a history recorded with today's code.
 *
 * <p>Written as a wrapper because today's implementation class is final: the moved step comes first,
 * then the unchanged procedure runs with its own gates, status and decide handler.
 */
public class MemberFailureResetFirst implements MemberFailureRecovery {

  private final MemberFailureRecoveryImpl today;
  private final RecoveryActivities acts = new RecoveryActivities();

  @WorkflowInit
  public MemberFailureResetFirst(MemberFailureRequest request) {
    today = new MemberFailureRecoveryImpl(request);
  }

  @Override
  public RunResult run(MemberFailureRequest r) {
    HostInspection host = acts.inspect.host(r.poolAddress(), r.hostUuid());
    acts.vm.resetVms(new ResetBatch(r.poolAddress(), r.hostUuid(), false,
        host.residentVms().stream().map(VmSummary::uuid).toList()));
    return today.run(r);
  }

  @Override
  public RunStatus status() {
    return today.status();
  }

  @Override
  public GateDecision decide(DecideRequest request) {
    return today.decide(request);
  }

  @Override
  public void validateDecide(DecideRequest request) {
    today.validateDecide(request);
  }
}
