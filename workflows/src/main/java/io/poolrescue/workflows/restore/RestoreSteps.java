package io.poolrescue.workflows.restore;

import io.poolrescue.workflows.core.Step;
import io.poolrescue.workflows.core.Versions;
import java.util.List;

/** The steps of a pool restore, in plan order; the ids are recorded in statuses and gates. */
final class RestoreSteps {
  private RestoreSteps() {}

  static final Step CHECK_BACKUP = new Step("check-backup", "Check the backup: present, checksum, schema version");
  static final Step CHECK_HOSTS = new Step("check-hosts", "Check the fresh hosts: reachable, standalone, no VMs");
  static final Step FENCE_LOST = new Step("fence-lost",
      "Fence the backup's hosts that are not among the fresh installs (by serial): their BMCs must say Off");
  static final Step DRY_RUN = new Step("dry-run", "Dry-run the restore on the designated master (NIC names)");
  static final Step RESTORE_DB = new Step("restore-db", "Restore the pool database (the master reboots)");
  static final Step WAIT_MASTER = new Step("wait-master", "Wait for the restored master");
  static final Step STORAGE = new Step("storage",
      "Recreate PBDs for the new storage view and plug the shared SRs (SR repair)");
  static final Step VERIFY = new Step("verify", "Verify the VMs and the shared SRs");
  static final Step CONFIRM = new Step("confirm", "Operator confirms the restored pool");
  static final Step JOIN = new Step("join", "Join the other fresh hosts");
  static final Step RESET_VMS = new Step("reset-vms", "Reset VMs still marked active on lost hosts");
  static final Step START_VMS = new Step("start-vms", "Start the VMs on suitable hosts, in HA order");

  /** Every step, in plan order; from {@link Versions#FENCING} on, the lost hosts are fenced first. */
  static List<Step> plan(int version) {
    return version >= Versions.FENCING
        ? List.of(CHECK_BACKUP, CHECK_HOSTS, FENCE_LOST, DRY_RUN, RESTORE_DB, WAIT_MASTER, STORAGE, VERIFY, CONFIRM,
            JOIN, RESET_VMS, START_VMS)
        : List.of(CHECK_BACKUP, CHECK_HOSTS, DRY_RUN, RESTORE_DB, WAIT_MASTER, STORAGE, VERIFY, CONFIRM, JOIN,
            RESET_VMS, START_VMS);
  }
}
