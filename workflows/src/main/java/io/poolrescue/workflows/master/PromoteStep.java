package io.poolrescue.workflows.master;

import io.poolrescue.activities.inspection.ProbeReport;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.GateRequest;
import io.poolrescue.workflows.core.GuardedStep;
import io.poolrescue.workflows.core.ActivityStubs;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The promotion as a guarded step: what answers at every address is the evidence and the
 * fingerprint. The old master answering again, another member already master, or the chosen member
 * gone silent each end the run before anything is promoted.
 */
final class PromoteStep implements GuardedStep<ProbeReport> {
  private final ActivityStubs acts;
  private final String old;
  private final List<String> members;
  private final List<String> everyone;
  private final Choice choice;
  private final long waitStart;

  PromoteStep(ActivityStubs acts, String old, List<String> members, Choice choice,
      long waitStart) {
    this.acts = acts;
    this.old = old;
    this.members = members;
    this.everyone = new ArrayList<>(List.of(old));
    this.everyone.addAll(members);
    this.choice = choice;
    this.waitStart = waitStart;
  }

  @Override
  public ProbeReport read() {
    return acts.inspect.probeAll(everyone);
  }

  @Override
  public Optional<RunResult> stopBefore(ProbeReport p) {
    if (p.at(old) instanceof HostProbe.Master) {
      return Optional.of(new RunResult(Outcome.NOTHING_TO_DO, "the master at " + old
          + " answers again; nothing was promoted", List.of()));
    }
    Optional<String> other = Election.electedMember(p, members);
    if (other.isPresent()) {
      return Optional.of(new RunResult(Outcome.FAILED, "member " + other.get() + " already answers as master; "
          + "a second master is not promoted; run again to verify the pool", List.of()));
    }
    if (!p.at(choice.address()).answers()) {
      return Optional.of(new RunResult(Outcome.FAILED, "the chosen member " + choice.address()
          + " no longer answers; nothing was promoted", List.of()));
    }
    return Optional.empty();
  }

  @Override
  public GateRequest request(ProbeReport p) {
    return MasterGates.promote(p, old, choice.address(), choice.why(),
        Duration.ofMillis(Workflow.currentTimeMillis() - waitStart));
  }

  @Override
  public String fingerprintNow() {
    return acts.inspect.probeAll(everyone).fingerprint();
  }
}
