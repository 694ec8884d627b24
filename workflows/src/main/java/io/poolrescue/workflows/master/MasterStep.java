package io.poolrescue.workflows.master;

import io.poolrescue.workflows.core.StepId;

/** The steps of a master recovery, in plan order; the ids are recorded in statuses and gates. */
enum MasterStep implements StepId {
  INSPECT("inspect", "Probe the old master and the members"),
  WAIT_MASTER("wait-master", "Wait for the old master to return, or for HA to elect a new one"),
  CHOOSE("choose", "Choose the member to promote"),
  PROMOTE("promote", "Promote it (pool.emergency_transition_to_master)"),
  WAIT_AGENT("wait-agent", "Wait for its agent to restart as master"),
  RECOVER_SLAVES("recover-slaves", "Point the members at the new master (pool.recover_slaves)"),
  VERIFY("verify", "Verify every member follows the new master"),
  DEFAULT_SR("default-sr", "Check the pool's default SR"),
  FORGET_OLD_MASTER("forget-old-master", "Treat the old master as a failed member (MemberFailureRecovery FORGET)");

  private final String id;
  private final String title;

  MasterStep(String id, String title) {
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
}
