package io.poolrescue.workflows.api;

import java.util.List;

/**
 * What the {@code status} query returns: the whole picture of a run for the CLI, a UI or an auditor.
 *
 * @param procedure workflow type, e.g. {@code MemberFailureRecovery}
 * @param phase short current phase, e.g. "waiting for approval: forget-host"
 * @param gates every gate of the run, open and closed, in the order asked
 * @param children workflow ids of child runs (batches, the old master's member recovery)
 * @param fencing what "the host is off" rests on: {@code fenced: BMC ... says Off ...}, or
 *     {@code UNFENCED: attested off by [...]}; null while no host has been fenced
 * @param authority the worker's approval policy the run decides under (from behaviour version 3;
 *     null for older runs and before the run has read it)
 */
public record RunStatus(
    String procedure,
    String requestedBy,
    String phase,
    List<StepStatus> steps,
    List<GateView> gates,
    List<OperationApplied> operations,
    List<String> warnings,
    Progress progress,
    List<String> children,
    RunResult result,
    String fencing,
    RunAuthority authority) {

  public List<GateView> openGates() {
    return gates.stream().filter(g -> g.state() == GateState.OPEN).toList();
  }
}
