package io.poolrescue.workflows.member;

import io.poolrescue.activities.inspection.HostInspection;
import io.poolrescue.workflows.api.MemberFailureRecovery;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunResult.Outcome;
import io.poolrescue.workflows.core.GatedRun;
import io.poolrescue.workflows.core.Failures;
import io.poolrescue.workflows.core.Polling;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A member stopped heartbeating. REPAIR waits for it to come back; FORGET resets its VMs, releases
 * its VDI locks, forgets it and restarts its VMs elsewhere, each dangerous step behind a gate.
 */
public final class MemberFailureRecoveryImpl extends GatedRun implements MemberFailureRecovery {
  /** The master declares a silent host dead after 600 s by default; an hour covers a tuned xapi.conf too. */
  static final Duration MAX_WAIT_FOR_DEAD = Duration.ofHours(1);

  static final String XAPI_ORDER = "Order follows XAPI, not the seed page: the page forgets the host and then "
      + "resets the VMs, but host.destroy refuses a host that still has resident VMs (HOST_HAS_RESIDENT_VMS) and "
      + "resetvdis needs the host record; so this run resets the VMs, releases the VDI locks, then forgets the host.";
  static final String REINSTALL = "A forgotten host must be reinstalled before it is used again: if it comes back "
      + "as it is, the master refuses it (HOST_UNKNOWN_TO_MASTER).";

  @WorkflowInit
  public MemberFailureRecoveryImpl(MemberFailureRequest r) {
    super("MemberFailureRecovery", r == null ? null : r.requestedBy(), r == null ? null : r.approvals());
  }

  @Override
  public RunResult run(MemberFailureRequest r) {
    RunResult result;
    try {
      result = recover(r);
    } catch (ActivityFailure | ChildWorkflowFailure e) {
      String done = status.operationsSummary();
      result = status.failed("step " + status.current() + ": " + Failures.describe(e)
          + (done == null ? "; nothing dangerous was done" : "; already done: " + done));
    }
    if (invalid(r) == null) {
      overview(r.poolAddress()); // the pool after the run, for the audit report
    }
    return status.finish(result);
  }

  private RunResult recover(MemberFailureRequest r) {
    String problem = invalid(r);
    if (problem != null) {
      return new RunResult(Outcome.FAILED, "invalid request: " + problem + "; nothing done", List.of());
    }
    plan(r.mode());
    overview(r.poolAddress()); // the pool before the run, for the audit report
    status.start("inspect");
    HostInspection first = acts.inspect.host(r.poolAddress(), r.hostUuid());
    HostInspection i = first;
    String host = MemberEvidence.name(i);
    if (!i.exists()) {
      return status.failed("host " + r.hostUuid() + " is not known to the master at " + r.poolAddress()
          + " (wrong uuid, or already forgotten); nothing done");
    }
    if (i.poolMaster()) {
      return status.failed("host " + host + " is the pool master; use MasterFailureRecovery; nothing done");
    }
    if (i.liveAndAnswering()) {
      return status.failed("host " + host + " is live: the master marks it live and it " + MemberEvidence.probe(i.probe())
          + "; there is nothing to recover and nothing was done");
    }
    status.done("inspect", "live=" + i.live() + ", heartbeat " + i.heartbeatAgeSeconds() + " s ago, probe: "
        + MemberEvidence.probe(i.probe()) + ", " + i.residentVms().size() + " resident VMs, HA "
        + (i.haEnabled() ? "on" : "off"));

    status.start("wait-dead");
    i = waitUntilDead(r, i);
    if (i.live()) {
      if (i.liveAndAnswering()) {
        status.done("wait-dead", "the host came back before the master declared it dead");
        status.skipRest("the host came back");
        return new RunResult(Outcome.NOTHING_TO_DO, "host " + host + " answered again before the master declared it "
            + "dead; nothing dangerous was done", List.of());
      }
      return status.failed("the master still marks host " + host + " live after " + MAX_WAIT_FOR_DEAD
          + " although nothing answers at its address; nothing dangerous was done");
    }
    status.done("wait-dead", "the master marks the host dead (last heartbeat " + i.heartbeatAgeSeconds() + " s ago)");
    return r.mode() == Mode.REPAIR ? new MemberRepair(acts, status).run(r, i)
        : new MemberForget(acts, status, gate).run(r, first, i);
  }

  private void plan(Mode mode) {
    status.plan("inspect", "Inspect the host, its VMs, SRs and locks");
    status.plan("wait-dead", "Wait until the master declares the host dead (or it comes back)");
    if (mode == Mode.REPAIR) {
      status.plan("wait-back", "Wait for the repaired host to come back");
      status.plan("verify", "Verify the host is live and follows the master");
      return;
    }
    status.plan("confirm-off", "Confirm the host is powered off");
    status.plan("disable-ha", "Disable HA (needed to forget a host)");
    status.plan("reset-vms", "Reset the power state of the host's VMs");
    status.plan("release-locks", "Release the host's VDI locks (resetvdis)");
    status.plan("forget-host", "Forget the host (host.destroy)");
    status.plan("enable-ha", "Enable HA again");
    status.plan("restart-vms", "Restart the VMs on other hosts, in HA priority order");
  }

  /** Polls every 30 s while the master still marks the host live and nothing answers at its address. */
  private HostInspection waitUntilDead(MemberFailureRequest r, HostInspection i) {
    long start = Workflow.currentTimeMillis();
    while (i.live() && !i.liveAndAnswering()) {
      Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - start);
      if (waited.compareTo(MAX_WAIT_FOR_DEAD) >= 0) {
        return i;
      }
      status.waiting("wait-dead", "the master still marks the host live; last heartbeat "
          + i.heartbeatAgeSeconds() + " s ago; probe: " + MemberEvidence.probe(i.probe()));
      Workflow.sleep(Polling.FAST);
      i = acts.inspect.host(r.poolAddress(), r.hostUuid());
      if (!i.exists()) {
        return i;
      }
    }
    return i;
  }

  static String invalid(MemberFailureRequest r) {
    if (r == null) {
      return "the request is empty";
    }
    List<String> missing = new ArrayList<>();
    if (r.poolAddress() == null || r.poolAddress().isBlank()) {
      missing.add("poolAddress");
    }
    if (r.hostUuid() == null || r.hostUuid().isBlank()) {
      missing.add("hostUuid");
    }
    if (r.mode() == null) {
      missing.add("mode (REPAIR or FORGET)");
    }
    if (r.requestedBy() == null || r.requestedBy().isBlank()) {
      missing.add("requestedBy (needed for the four-eyes rule)");
    }
    if (r.maxParallel() < 0) {
      missing.add("maxParallel >= 0");
    }
    return missing.isEmpty() ? null : "missing or wrong: " + String.join(", ", missing);
  }
}
