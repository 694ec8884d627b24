package io.poolrescue.workflows.fence;

import io.poolrescue.activities.fence.BmcEvidence;
import io.poolrescue.pool.fence.BmcPower;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.ApprovalGate;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Step;
import java.util.List;

/**
 * The fence step, before anything that assumes a host is off: the host's BMC must say Off. When it
 * says On, gate {@code fence-host} proposes a ForceOff and the run waits for Off; when no BMC can
 * tell, the run stops, unless the worker accepts a two-person attestation (gate
 * {@code attest-host-off}), and then the run is UNFENCED. The dangerous activities read the BMC
 * again right before their own call.
 */
public final class HostFence {
  private final ActivityStubs acts;
  private final RunStatusRecorder status;
  private final ApprovalGate gate;

  public HostFence(ActivityStubs acts, RunStatusRecorder status, ApprovalGate gate) {
    this.acts = acts;
    this.status = status;
    this.gate = gate;
  }

  public FenceOutcome fence(Step step, FenceTarget target) {
    BmcEvidence bmc = acts.fence.powerState(target.host());
    if (bmc.off()) {
      return fenced(step, bmc, "the host's " + bmc.describe());
    }
    return bmc.power() == BmcPower.ON ? forceOff(step, target) : attestOrStop(step, target, bmc);
  }

  private FenceOutcome forceOff(Step step, FenceTarget t) {
    Guard<BmcEvidence> g = gate.approve(GuardedStep.withFingerprintCall(() -> acts.fence.powerState(t.host()),
        e -> FenceGates.fenceHost(t, e, t.xapiEvidence().get(), t.xapiFingerprint().get(), step.id()),
        t.xapiFingerprint()));
    if (g.stop().isPresent()) {
      return FenceOutcome.stopped(status.stopped(g.stop().get()));
    }
    BmcEvidence after = acts.fence.forceOff(t.host(), g.proof());
    if (after.forcedOff()) {
      status.operation("bmc.ForceOff", List.of(t.host()), "ok: " + after.describe(), g.gateId());
    }
    if (!after.off()) {
      return FenceOutcome.stopped(status.failed("the BMC of host " + t.name() + " accepted ForceOff but "
          + after.describe() + ": the host is not known to be off; nothing dangerous was done"));
    }
    return fenced(step, after, "powered off through its BMC: " + after.describe());
  }

  private FenceOutcome attestOrStop(Step step, FenceTarget t, BmcEvidence bmc) {
    if (!acts.fence.attestationAllowed()) {
      return FenceOutcome.stopped(status.failed("host " + t.name() + " cannot be fenced: " + bmc.reason()
          + "; nothing dangerous was done. Give the host a BMC in the worker's inventory (or repair it), "
          + "or allow a two-person attestation in the worker's configuration"));
    }
    Guard<BmcEvidence> g = gate.approve(GuardedStep.withFingerprintCall(() -> acts.fence.powerState(t.host()),
        e -> FenceGates.attestOff(t, e, t.xapiEvidence().get(), t.xapiFingerprint().get(), step.id()),
        t.xapiFingerprint()));
    if (g.stop().isPresent()) {
      return FenceOutcome.stopped(status.stopped(g.stop().get()));
    }
    BmcEvidence now = acts.fence.powerState(t.host());
    if (now.power() == BmcPower.ON) {
      return FenceOutcome.stopped(status.failed("host " + t.name() + " was attested off, but its " + now.describe()
          + ": the attestation is void; nothing dangerous was done"));
    }
    if (now.off()) {
      return fenced(step, now, "the host's " + now.describe());
    }
    FenceOutcome out = FenceOutcome.attested(now, g.approval().approvers());
    status.fencing(out.basis());
    status.warn("UNFENCED: host " + t.name() + " was not fenced by a BMC; two people attested it is off ("
        + out.attestedBy() + "), and each dangerous call requires that nothing answers at its address");
    status.done(step, out.basis());
    return out;
  }

  private FenceOutcome fenced(Step step, BmcEvidence bmc, String detail) {
    FenceOutcome out = FenceOutcome.fenced(bmc);
    status.fencing(out.basis());
    status.done(step, detail);
    return out;
  }
}
