package io.poolrescue.workflows.hostconfig;

import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.hostrestore.HostBack;
import io.poolrescue.activities.hostrestore.HostConfigCheck;
import io.poolrescue.activities.hostrestore.HostRestoreActivities;
import io.poolrescue.activities.hostrestore.StagedHostBackup;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.workflows.api.HostConfigRestore;
import io.poolrescue.workflows.api.HostConfigRestoreRequest;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.AnswerWait;
import io.poolrescue.workflows.core.Failures;
import io.poolrescue.workflows.core.GateOutcome;
import io.poolrescue.workflows.core.GateRequest;
import io.poolrescue.workflows.core.GatedRun;
import io.poolrescue.workflows.core.Guard;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.Probes;
import io.poolrescue.workflows.core.RunTarget;
import io.poolrescue.workflows.core.Versions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A host runs but its software or configuration is broken: upload its backup (behind a gate), ask
 * the operator to reboot it into the installer's "Restore from backup" (a human task confirmed
 * through {@code decide}), then wait for it to come back live and verify it.
 */
public final class HostConfigRestoreImpl extends GatedRun implements HostConfigRestore {
  static final Duration DEFAULT_WAIT = Duration.ofMinutes(30);

  @WorkflowInit
  public HostConfigRestoreImpl(HostConfigRestoreRequest r) {
    super("HostConfigRestore", r, r == null ? null : r.requestedBy(), r == null ? null : r.approvals(),
        r == null ? RunTarget.NONE : RunTarget.of(r.poolAddress(), r.poolAddress()));
  }

  public static String invalid(HostConfigRestoreRequest r) {
    if (r == null) {
      return "no request";
    }
    if (r.poolAddress() == null || r.poolAddress().isBlank()) {
      return "poolAddress is required";
    }
    if (r.hostUuid() == null || r.hostUuid().isBlank()) {
      return "hostUuid is required";
    }
    if (r.waitForHost() != null && (r.waitForHost().isNegative() || r.waitForHost().isZero())) {
      return "waitForHost must be a positive duration, e.g. \"PT30M\"";
    }
    return null;
  }

  @Override
  public RunResult run(HostConfigRestoreRequest r) {
    return frame(invalid(r), () -> restore(r), () -> r.poolAddress()); // a lambda: r may be null
  }

  /** The host as the pool and its address show it; one that does not answer is looked at again for a while. */
  private HostConfigCheck checkHost(HostConfigRestoreRequest r) {
    return AnswerWait.read(version, status, "host " + r.hostUuid(),
        () -> acts.hostRestore.checkHost(r.poolAddress(), r.hostUuid()),
        h -> h.probe() instanceof HostProbe.Unreachable);
  }

  /** The upload's gate, asked with {@code request}, re-read before it is opened and checked after approval. */
  private Guard<HostConfigCheck> approveUpload(HostConfigRestoreRequest r,
      Function<HostConfigCheck, GateRequest> request) {
    return gate.approve(GuardedStep.withFingerprintCall(
            () -> checkHost(r),
            request,
            () -> acts.hostRestore.hostFingerprint(r.poolAddress(), r.hostUuid()))
        .stoppingWhen(now -> now.probe() instanceof HostProbe.Unreachable
            ? Optional.of(status.failed("host " + HostConfigGates.name(now) + " stopped answering; nothing was uploaded"))
            : now.probe() instanceof HostProbe.Unidentified
            ? Optional.of(status.failed("host " + HostConfigGates.name(now) + " " + Probes.describe(now.probe())
                + "; nothing was uploaded"))
            : Optional.empty()));
  }

  private RunResult restore(HostConfigRestoreRequest r) {
    HostConfigSteps.PLAN.forEach(status::plan);
    overview(r.poolAddress());

    status.start(HostConfigSteps.CHECK_HOST);
    HostConfigCheck h = checkHost(r);
    if (h.probe() instanceof HostProbe.Unreachable) {
      return status.failed("host " + HostConfigGates.name(h) + ": nothing answers at its address; power it on first (a "
          + "machine that is lost needs MemberFailureRecovery, not a configuration restore); nothing was done");
    }
    if (h.probe() instanceof HostProbe.Unidentified) {
      // nothing can be uploaded to what we cannot verify (a certificate problem does not pass by itself)
      return status.failed("host " + HostConfigGates.name(h) + " " + Probes.describe(h.probe())
          + "; check its certificate and the worker's pin; nothing was done");
    }
    if (h.live() && (h.probe() instanceof HostProbe.Slave || h.probe() instanceof HostProbe.Master)) {
      status.warn("host " + HostConfigGates.name(h) + " is live and answers normally: restoring its backup replaces a "
          + "configuration that may be working");
    }
    status.done(HostConfigSteps.CHECK_HOST, "live=" + h.live() + ", answers: " + StateFingerprint.probeKind(h.probe()));

    status.start(HostConfigSteps.CHOOSE_BACKUP);
    BackupRecord b = acts.hostRestore.chooseHostBackup(r.hostUuid(), r.backupId());
    status.done(HostConfigSteps.CHOOSE_BACKUP, b.id() + " taken " + b.takenAt() + ", sha256 verified");

    status.start(HostConfigSteps.UPLOAD);
    Guard<HostConfigCheck> g = approveUpload(r, now -> HostConfigGates.upload(now, b));
    if (g.stop().isPresent()) {
      return status.stopped(g.stop().get());
    }
    StagedHostBackup staged;
    while (true) {
      try {
        staged = acts.hostRestoreTransfer.uploadHostBackup(g.state().address(), r.hostUuid(), b.id(), g.proof());
        break;
      } catch (ActivityFailure e) {
        if (version < Versions.UPLOAD_RESEND
            || !HostRestoreActivities.UPLOAD_OUTCOME_UNKNOWN.equals(Failures.code(e))) {
          throw e;
        }
        // nobody can tell whether the host staged it: sending it again is a new decision
        String unknown = Failures.message(e);
        status.warn(unknown);
        g = approveUpload(r, now -> HostConfigGates.uploadAgain(now, b, unknown));
        if (g.stop().isPresent()) {
          return status.stopped(g.stop().get());
        }
      }
    }
    status.operation("PUT /host_restore", List.of(r.hostUuid(), b.id()), "ok", g.gateId());
    status.done(HostConfigSteps.UPLOAD, "backup " + b.id() + " staged on " + staged.address());

    status.start(HostConfigSteps.REBOOT);
    GateOutcome rebooted = gate.ask(HostConfigGates.reboot(g.state(), staged));
    if (rebooted instanceof GateOutcome.Rejected rej) {
      return status.stopped(new RunResult(Outcome.REJECTED, "the reboot into 'Restore from backup' was declined by "
          + rej.decision().approver() + " (" + rej.decision().reason() + "); the backup stays staged on the host and "
          + "is applied only when someone chooses it in the installer", List.of()));
    }
    if (rebooted instanceof GateOutcome.Expired exp) {
      return status.stopped(new RunResult(Outcome.EXPIRED, "nobody confirmed the reboot into 'Restore from backup' (gate "
          + exp.gateId() + " expired); the backup stays staged on the host", List.of()));
    }
    status.done(HostConfigSteps.REBOOT, "confirmed by " + ((GateOutcome.Approved) rebooted).approvers());

    status.start(HostConfigSteps.WAIT_BACK);
    Duration within = r.waitForHost() == null ? DEFAULT_WAIT : r.waitForHost();
    status.waiting(HostConfigSteps.WAIT_BACK, "up to " + within + " for host " + r.hostUuid() + " to come back live");
    HostBack back;
    try {
      back = acts.hostRestoreWaitingFor(within).hostBack(r.poolAddress(), r.hostUuid());
    } catch (ActivityFailure e) {
      // the wait ends with a timeout, or with the last "not yet" when the next retry would pass the deadline
      if (e.getCause() instanceof TimeoutFailure
          || HostRestoreActivities.HOST_NOT_BACK.equals(Failures.code(e))) {
        return status.failed("host " + HostConfigGates.name(h) + " did not come back live within " + within + " ("
            + Failures.message(e) + "); check its console: did the installer restore the backup?");
      }
      throw e;
    }
    status.done(HostConfigSteps.WAIT_BACK, "live again, answers: " + StateFingerprint.probeKind(back.probe()));

    status.start(HostConfigSteps.VERIFY);
    HostConfigCheck after = acts.hostRestore.checkHost(r.poolAddress(), r.hostUuid());
    if (!after.live() || !(after.probe() instanceof HostProbe.Slave || after.probe() instanceof HostProbe.Master)) {
      return status.failed("host " + HostConfigGates.name(after) + " came back but is now live=" + after.live()
          + ", answers " + StateFingerprint.probeKind(after.probe()));
    }
    if (!after.enabled()) {
      status.warn("host " + HostConfigGates.name(after) + " is live but disabled; enable it when you are satisfied");
    }
    status.done(HostConfigSteps.VERIFY, "live, enabled=" + after.enabled() + ", answers: " + StateFingerprint.probeKind(after.probe()));
    return new RunResult(Outcome.RECOVERED, "host " + HostConfigGates.name(after) + " restored from backup "
        + b.id() + " and live again", List.of());
  }
}
