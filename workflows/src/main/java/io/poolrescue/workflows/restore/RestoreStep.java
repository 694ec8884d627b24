package io.poolrescue.workflows.restore;

import io.poolrescue.workflows.core.StepId;

/** The steps of a pool restore, in plan order; the ids are recorded in statuses and gates. */
enum RestoreStep implements StepId {
  CHECK_BACKUP("check-backup", "Check the backup: present, checksum, schema version"),
  CHECK_HOSTS("check-hosts", "Check the fresh hosts: reachable, standalone, no VMs"),
  DRY_RUN("dry-run", "Dry-run the restore on the designated master (NIC names)"),
  RESTORE_DB("restore-db", "Restore the pool database (the master reboots)"),
  WAIT_MASTER("wait-master", "Wait for the restored master"),
  STORAGE("storage", "Recreate PBDs for the new storage view and plug the shared SRs (SR repair)"),
  VERIFY("verify", "Verify the VMs and the shared SRs"),
  CONFIRM("confirm", "Operator confirms the restored pool"),
  JOIN("join", "Join the other fresh hosts"),
  RESET_VMS("reset-vms", "Reset VMs still marked active on lost hosts"),
  START_VMS("start-vms", "Start the VMs on suitable hosts, in HA order");

  private final String id;
  private final String title;

  RestoreStep(String id, String title) {
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
