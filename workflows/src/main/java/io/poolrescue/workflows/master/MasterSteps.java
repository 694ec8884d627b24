package io.poolrescue.workflows.master;

import io.poolrescue.workflows.core.Step;
import io.poolrescue.workflows.core.Versions;
import java.util.List;

/** The steps of a master recovery, in plan order; the ids are recorded in statuses and gates. */
final class MasterSteps {
  private MasterSteps() {}

  static final Step INSPECT = new Step("inspect", "Probe the old master and the members");
  static final Step WAIT_MASTER = new Step("wait-master",
      "Wait for the old master to return, or for HA to elect a new one");
  static final Step CHOOSE = new Step("choose", "Choose the member to promote");
  static final Step FENCE = new Step("fence",
      "Fence the old master: its BMC must say it is off (never two masters)");
  static final Step PROMOTE = new Step("promote", "Promote it (pool.emergency_transition_to_master)");
  static final Step WAIT_AGENT = new Step("wait-agent", "Wait for its agent to restart as master");
  static final Step RECOVER_SLAVES = new Step("recover-slaves",
      "Point the members at the new master (pool.recover_slaves)");
  static final Step VERIFY = new Step("verify", "Verify every member follows the new master");
  static final Step DEFAULT_SR = new Step("default-sr", "Check the pool's default SR");
  static final Step FORGET_OLD_MASTER = new Step("forget-old-master",
      "Treat the old master as a failed member (MemberFailureRecovery FORGET)");

  /** Every step, in plan order; from {@link Versions#FENCING} on, the old master is fenced before a promotion. */
  static List<Step> plan(int version) {
    return version >= Versions.FENCING
        ? List.of(INSPECT, WAIT_MASTER, CHOOSE, FENCE, PROMOTE, WAIT_AGENT, RECOVER_SLAVES, VERIFY, DEFAULT_SR,
            FORGET_OLD_MASTER)
        : List.of(INSPECT, WAIT_MASTER, CHOOSE, PROMOTE, WAIT_AGENT, RECOVER_SLAVES, VERIFY, DEFAULT_SR,
            FORGET_OLD_MASTER);
  }
}
