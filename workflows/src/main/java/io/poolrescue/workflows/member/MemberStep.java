package io.poolrescue.workflows.member;

import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.core.StepId;
import java.util.List;

/** The steps of a member recovery, in plan order; the ids are recorded in statuses and gates. */
enum MemberStep implements StepId {
  INSPECT("inspect", "Inspect the host, its VMs, SRs and locks"),
  WAIT_DEAD("wait-dead", "Wait until the master declares the host dead (or it comes back)"),
  WAIT_BACK("wait-back", "Wait for the repaired host to come back"),
  VERIFY("verify", "Verify the host is live and follows the master"),
  CONFIRM_OFF("confirm-off", "Confirm the host is powered off"),
  DISABLE_HA("disable-ha", "Disable HA (needed to forget a host)"),
  RESET_VMS("reset-vms", "Reset the power state of the host's VMs"),
  RELEASE_LOCKS("release-locks", "Release the host's VDI locks (resetvdis)"),
  FORGET_HOST("forget-host", "Forget the host (host.destroy)"),
  ENABLE_HA("enable-ha", "Enable HA again"),
  RESTART_VMS("restart-vms", "Restart the VMs on other hosts, in HA priority order");

  private final String id;
  private final String title;

  MemberStep(String id, String title) {
    this.id = id;
    this.title = title;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String title() {
    return title;
  }

  /** The steps a run in this mode plans: REPAIR waits and verifies, FORGET has the dangerous steps. */
  static List<MemberStep> plan(Mode mode) {
    return mode == Mode.REPAIR ? List.of(INSPECT, WAIT_DEAD, WAIT_BACK, VERIFY)
        : List.of(INSPECT, WAIT_DEAD, CONFIRM_OFF, DISABLE_HA, RESET_VMS, RELEASE_LOCKS, FORGET_HOST, ENABLE_HA,
            RESTART_VMS);
  }
}
