package io.poolrescue.workflows.hostconfig;

import io.poolrescue.workflows.core.Step;
import java.util.List;

/** The steps of a host configuration restore, in plan order; the ids are recorded in statuses and gates. */
final class HostConfigSteps {
  private HostConfigSteps() {}

  static final Step CHECK_HOST = new Step("check-host", "Check the host answers");
  static final Step CHOOSE_BACKUP = new Step("choose-backup", "Find its host backup and verify the checksum");
  static final Step UPLOAD = new Step("upload", "Upload the backup to the host (host_restore)");
  static final Step REBOOT = new Step("reboot", "Operator reboots the host into 'Restore from backup'");
  static final Step WAIT_BACK = new Step("wait-back", "Wait for the host to come back live");
  static final Step VERIFY = new Step("verify", "Verify the host");

  /** Every step, in plan order. */
  static final List<Step> PLAN = List.of(CHECK_HOST, CHOOSE_BACKUP, UPLOAD, REBOOT, WAIT_BACK, VERIFY);
}
