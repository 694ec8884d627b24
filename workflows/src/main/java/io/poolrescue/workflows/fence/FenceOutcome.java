package io.poolrescue.workflows.fence;

import io.poolrescue.activities.fence.BmcEvidence;
import io.poolrescue.workflows.api.RunResult;
import java.util.List;
import java.util.Optional;

/**
 * How a fence step ended: the BMC says the host is off ({@code bmc}), two people attested it
 * ({@code attestedBy}, the run is UNFENCED), or the run must stop ({@code stop}) before anything
 * dangerous.
 */
public record FenceOutcome(Optional<RunResult> stop, BmcEvidence bmc, List<String> attestedBy) {

  static FenceOutcome fenced(BmcEvidence bmc) {
    return new FenceOutcome(Optional.empty(), bmc, List.of());
  }

  static FenceOutcome attested(BmcEvidence bmc, List<String> approvers) {
    return new FenceOutcome(Optional.empty(), bmc, List.copyOf(approvers));
  }

  static FenceOutcome stopped(RunResult result) {
    return new FenceOutcome(Optional.of(result), null, List.of());
  }

  /** True when the dangerous steps rest on people's word, not on the BMC. */
  public boolean unfenced() {
    return !attestedBy.isEmpty();
  }

  /** One line for statuses: what the host being off rests on. */
  public String basis() {
    return unfenced() ? "UNFENCED: attested off by " + attestedBy + " (" + bmc.describe() + ")"
        : "fenced: " + bmc.describe();
  }
}
