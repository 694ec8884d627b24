package io.poolrescue.workflows.member;

import io.poolrescue.workflows.api.MemberFailureRequest.Mode;
import io.poolrescue.workflows.core.Step;
import io.poolrescue.workflows.core.Versions;
import java.util.ArrayList;
import java.util.List;

/** The steps of a member recovery, in plan order; the ids are recorded in statuses and gates. */
final class MemberSteps {
  private MemberSteps() {}

  static final Step INSPECT = new Step("inspect", "Inspect the host, its VMs, SRs and locks");
  static final Step WAIT_DEAD = new Step("wait-dead",
      "Wait until the master declares the host dead (or it comes back)");
  static final Step WAIT_BACK = new Step("wait-back", "Wait for the repaired host to come back");
  static final Step VERIFY = new Step("verify", "Verify the host is live and follows the master");
  static final Step FENCE = new Step("fence", "Fence the host: its BMC must say it is off (ForceOff if on)");
  static final Step CONFIRM_OFF = new Step("confirm-off", "Confirm the host is powered off");
  static final Step DISABLE_HA = new Step("disable-ha", "Disable HA (needed to forget a host)");
  static final Step RESET_VMS = new Step("reset-vms", "Reset the power state of the host's VMs");
  static final Step RELEASE_LOCKS = new Step("release-locks", "Release the host's VDI locks (resetvdis)");
  static final Step FORGET_HOST = new Step("forget-host", "Forget the host (host.destroy)");
  static final Step ENABLE_HA = new Step("enable-ha", "Enable HA again");
  static final Step RESTART_VMS = new Step("restart-vms", "Restart the VMs on other hosts, in HA priority order");

  /**
   * The steps a run in this mode plans: REPAIR waits and verifies, FORGET has the dangerous steps;
   * from {@link Versions#FENCING} on, FORGET fences the host first and the BMC's word confirms it off.
   */
  static List<Step> plan(Mode mode, int version) {
    if (mode == Mode.REPAIR) {
      return List.of(INSPECT, WAIT_DEAD, WAIT_BACK, VERIFY);
    }
    List<Step> forget = List.of(CONFIRM_OFF, DISABLE_HA, RESET_VMS, RELEASE_LOCKS, FORGET_HOST, ENABLE_HA, RESTART_VMS);
    List<Step> plan = new ArrayList<>(version >= Versions.FENCING ? List.of(INSPECT, FENCE, WAIT_DEAD)
        : List.of(INSPECT, WAIT_DEAD));
    plan.addAll(forget);
    return plan;
  }
}
