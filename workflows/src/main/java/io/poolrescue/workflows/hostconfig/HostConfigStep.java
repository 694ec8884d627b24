package io.poolrescue.workflows.hostconfig;

import io.poolrescue.workflows.core.StepId;

/** The steps of a host configuration restore, in plan order; the ids are recorded in statuses and gates. */
enum HostConfigStep implements StepId {
  CHECK_HOST("check-host", "Check the host answers"),
  CHOOSE_BACKUP("choose-backup", "Find its host backup and verify the checksum"),
  UPLOAD("upload", "Upload the backup to the host (host_restore)"),
  REBOOT("reboot", "Operator reboots the host into 'Restore from backup'"),
  WAIT_BACK("wait-back", "Wait for the host to come back live"),
  VERIFY("verify", "Verify the host");

  private final String id;
  private final String title;

  HostConfigStep(String id, String title) {
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
