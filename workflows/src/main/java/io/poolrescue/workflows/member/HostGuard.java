package io.poolrescue.workflows.member;

import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.core.GateRequest;
import io.poolrescue.workflows.core.Probes;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.ActivityStubs;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A dangerous step on a failed host: before asking (and again after a voided approval) the host
 * must still be known, marked dead by the master, and silent at its address.
 */
final class HostGuard implements GuardedStep<HostInspection> {
  private final ActivityStubs acts;
  private final String poolAddress;
  private final String hostUuid;
  private final Supplier<String> doneSoFar;
  private final Function<HostInspection, GateRequest> request;
  private final Optional<LiveAgain> liveAgain;

  /** What a run does when the master marks the silent host live again: wait for it to be declared dead again. */
  @FunctionalInterface
  interface LiveAgain {
    HostInspection awaitDead(String poolAddress, String hostUuid, HostInspection live);
  }

  /** {@code liveAgain}: empty in runs from before {@link io.poolrescue.workflows.core.Versions#FAULTS}, which stop instead. */
  HostGuard(ActivityStubs acts, String poolAddress, String hostUuid, Supplier<String> doneSoFar,
      Function<HostInspection, GateRequest> request, Optional<LiveAgain> liveAgain) {
    this.acts = acts;
    this.poolAddress = poolAddress;
    this.hostUuid = hostUuid;
    this.doneSoFar = doneSoFar;
    this.request = request;
    this.liveAgain = liveAgain;
  }

  @Override
  public HostInspection read() {
    HostInspection i = acts.inspect.host(poolAddress, hostUuid);
    if (liveAgain.isPresent() && i.exists() && i.live() && !i.probe().answers()) {
      return liveAgain.get().awaitDead(poolAddress, hostUuid, i);
    }
    return i;
  }

  @Override
  public Optional<RunResult> stopBefore(HostInspection i) {
    return stopBeforeDanger(i, doneSoFar.get());
  }

  /** Null {@code done} means nothing dangerous has happened yet. */
  static Optional<RunResult> stopBeforeDanger(HostInspection i, String done) {
    String host = MemberEvidence.name(i);
    if (!i.exists()) {
      return fail("host " + host + " is no longer known to the master (forgotten by someone else?); stopping", done);
    }
    if (i.liveAndAnswering()) {
      String text = "host " + host + " came back: the master marks it live and it "
          + Probes.describe(i.probe());
      return Optional.of(done == null
          ? new RunResult(RunResult.Outcome.NOTHING_TO_DO, text + "; nothing dangerous was done", List.of())
          : new RunResult(RunResult.Outcome.FAILED, text + " after " + done
              + "; stopped before the next dangerous step: check the host and its VMs by hand", List.of()));
    }
    if (i.probe().answers()) {
      return fail("host " + host + " " + Probes.describe(i.probe()) + ": it is not off, so it is not safe to "
          + "reset its VMs or forget it; power it off (or repair it: HostConfigRestore for a broken configuration)", done);
    }
    if (i.live()) {
      return fail("the master marks host " + host + " live again though nothing answers at its address; "
          + "run again once the master has declared it dead", done);
    }
    return Optional.empty();
  }

  private static Optional<RunResult> fail(String text, String done) {
    return Optional.of(new RunResult(RunResult.Outcome.FAILED,
        text + (done == null ? "; nothing dangerous was done" : " (already done: " + done + ")"), List.of()));
  }

  @Override
  public GateRequest request(HostInspection state) {
    return request.apply(state);
  }

  @Override
  public String fingerprintNow() {
    return acts.inspect.hostFingerprint(poolAddress, hostUuid);
  }
}
