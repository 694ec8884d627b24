package io.poolrescue.activities.approval;

/**
 * The gates a pool-changing call can rest on, by base id: the procedures ask them by these names,
 * and the activities check the approval they carry against the same ones.
 */
public final class GateIds {
  private GateIds() {}

  public static final String FENCE_HOST = "fence-host";
  public static final String DISABLE_HA = "disable-ha";
  public static final String RESET_VMS = "reset-vms";
  public static final String RELEASE_VDI_LOCKS = "release-vdi-locks";
  public static final String FORGET_HOST = "forget-host";
  public static final String ENABLE_HA = "enable-ha";
  public static final String PROMOTE_MASTER = "promote-master";
  public static final String SET_DEFAULT_SR = "set-default-sr";
  public static final String RESTORE_DATABASE = "restore-database";
  public static final String IMPORT_WITH_FORCE = "import-with-force";
  public static final String UPLOAD_HOST_BACKUP = "upload-host-backup";
}
