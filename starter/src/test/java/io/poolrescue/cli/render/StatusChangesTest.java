package io.poolrescue.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.workflows.api.Decision;
import io.poolrescue.workflows.api.GateDecision;
import io.poolrescue.workflows.api.GateState;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.OperationApplied;
import io.poolrescue.workflows.api.Progress;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.StepState;
import io.poolrescue.workflows.api.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the follower prints between two readings of a run, and what the status view shows. */
class StatusChangesTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  static GateView gate(GateState state, List<GateDecision> decisions) {
    return new GateView("forget-host", "forget", "Forget host h2 (host.destroy)", List.of("h2-uuid"),
        "so its VMs can start elsewhere", Map.of("live", "false", "heartbeat age", "642 s"), "sha256:abc", 1,
        decisions, state, T0, T0.plusSeconds(900), T0.plusSeconds(14400), false, List.of());
  }

  static RunStatus status(List<StepStatus> steps, List<GateView> gates, List<OperationApplied> ops, Progress p,
      RunResult result) {
    return new RunStatus("MemberFailureRecovery", "alice", "phase", steps, gates, ops, List.of(), p, List.of(), result, null, null);
  }

  @Test
  void aNewlyOpenedGateIsPrintedInFullAndReportedOnce() {
    RunStatus before = status(List.of(), List.of(), List.of(), null, null);
    RunStatus open = status(List.of(new StepStatus("forget", "Forget the host", StepState.WAITING_APPROVAL, T0, null, null)),
        List.of(gate(GateState.OPEN, List.of())), List.of(), null, null);
    List<String> lines = StatusChanges.between("wf-1", before, open);
    String text = String.join("\n", lines);
    assertTrue(text.contains("GATE forget-host  [OPEN]"), text);
    assertTrue(text.contains("action     : Forget host h2 (host.destroy)"), text);
    assertTrue(text.contains("heartbeat age = 642 s"), text);
    assertTrue(text.contains("fingerprint: sha256:abc"), text);
    assertTrue(text.contains("poolrescue approve wf-1 forget-host --as NAME --reason TEXT"), text);
    assertEquals(1, StatusChanges.newlyOpened(before, open).size());
    assertEquals(0, StatusChanges.newlyOpened(open, open).size(), "an open gate is handed over once");
    assertTrue(StatusChanges.between("wf-1", open, open).isEmpty(), "nothing changed, nothing printed");
  }

  @Test
  void decisionsOperationsProgressAndResultAppearAsTheyHappen() {
    RunStatus open = status(List.of(), List.of(gate(GateState.OPEN, List.of())), List.of(), null, null);
    GateDecision bob = new GateDecision("forget-host", "bob", Decision.APPROVE, "checked in the DC", T0.plusSeconds(5), "sha256:abc");
    RunStatus done = status(
        List.of(new StepStatus("forget", "Forget the host", StepState.DONE, T0, T0.plusMillis(1500), "FORGOTTEN")),
        List.of(gate(GateState.APPROVED, List.of(bob))),
        List.of(new OperationApplied(T0.plusSeconds(6), "host.destroy", List.of("h2-uuid"), "ok", "forget-host")),
        new Progress("VMs started", 3, 4, 1),
        new RunResult(RunResult.Outcome.RECOVERED, "host h2 forgotten", List.of("vm-08: VM_REQUIRES_SR")));
    String text = String.join("\n", StatusChanges.between("wf-1", open, done));
    assertTrue(text.contains("step done: Forget the host (1.5s) - FORGOTTEN"), text);
    assertTrue(text.contains("gate forget-host: APPROVE by bob"), text);
    assertTrue(text.contains("\"checked in the DC\""), text);
    assertTrue(text.contains("gate forget-host is now APPROVED"), text);
    assertTrue(text.contains("op ") && text.contains("host.destroy h2-uuid -> ok  [gate forget-host]"), text);
    assertTrue(text.contains("progress [#######################-------] 3/4 VMs started, 1 failed"), text);
    assertTrue(text.contains("result: RECOVERED - host h2 forgotten"), text);
    assertTrue(text.contains("not restartable: vm-08: VM_REQUIRES_SR"), text);
  }

  @Test
  void statusViewShowsStepsTimingsOpenGatesAndProgress() {
    RunStatus s = status(
        List.of(new StepStatus("inspect", "Inspect the host", StepState.DONE, T0, T0.plusSeconds(2), "4 VMs"),
            new StepStatus("reset", "Reset the VMs", StepState.RUNNING, T0.plusSeconds(2), null, null),
            new StepStatus("forget", "Forget the host", StepState.PENDING, null, null, null)),
        List.of(gate(GateState.OPEN, List.of())), List.of(), new Progress("VMs reset", 1, 4, 0), null);
    List<String> lines = StatusText.render("wf-1", "RUNNING", s, T0.plusSeconds(12));
    String text = String.join("\n", lines);
    assertTrue(text.startsWith("MemberFailureRecovery  wf-1  [RUNNING]  requested by alice"), text);
    assertTrue(text.contains("done  Inspect the host"), text);
    assertTrue(lines.stream().anyMatch(l -> l.contains("run   Reset the VMs") && l.contains("10s")), text);
    assertTrue(text.contains("Progress  [########----------------------] 1/4 VMs reset"), text);
    assertTrue(text.contains("Open gates"), text);
    assertTrue(text.contains("why        : so its VMs can start elsewhere"), text);
  }

  @Test
  void progressBarEdges() {
    assertEquals("[------------------------------] 0/10 VMs", ProgressBar.render(new Progress("VMs", 0, 10, 0)));
    assertEquals("[##############################] 10/10 VMs", ProgressBar.render(new Progress("VMs", 10, 10, 0)));
    assertEquals("[##############################] 0/0 VMs", ProgressBar.render(new Progress("VMs", 0, 0, 0)));
  }
}
