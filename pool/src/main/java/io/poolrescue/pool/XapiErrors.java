package io.poolrescue.pool;

/** XAPI error codes used by the procedures, spelled exactly as on the wire. */
public final class XapiErrors {
  private XapiErrors() {}

  // sessions and dispatch
  public static final String SESSION_AUTHENTICATION_FAILED = "SESSION_AUTHENTICATION_FAILED";
  public static final String SESSION_INVALID = "SESSION_INVALID";
  public static final String HOST_IS_SLAVE = "HOST_IS_SLAVE";
  public static final String HOST_STILL_BOOTING = "HOST_STILL_BOOTING";
  public static final String HOST_BROKEN = "HOST_BROKEN";
  public static final String HOST_UNKNOWN_TO_MASTER = "HOST_UNKNOWN_TO_MASTER";
  public static final String HOST_MASTER_CANNOT_TALK_BACK = "HOST_MASTER_CANNOT_TALK_BACK";
  public static final String MESSAGE_METHOD_UNKNOWN = "MESSAGE_METHOD_UNKNOWN";
  public static final String MESSAGE_PARAMETER_COUNT_MISMATCH = "MESSAGE_PARAMETER_COUNT_MISMATCH";
  public static final String FIELD_TYPE_ERROR = "FIELD_TYPE_ERROR";
  public static final String HANDLE_INVALID = "HANDLE_INVALID";
  public static final String UUID_INVALID = "UUID_INVALID";
  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
  public static final String EVENTS_LOST = "EVENTS_LOST";

  // VM lifecycle (xapi_vm_lifecycle.ml, VM.start)
  public static final String NO_HOSTS_AVAILABLE = "NO_HOSTS_AVAILABLE";
  public static final String OTHER_OPERATION_IN_PROGRESS = "OTHER_OPERATION_IN_PROGRESS";
  public static final String VM_IS_TEMPLATE = "VM_IS_TEMPLATE";

  // hosts and liveness
  public static final String HOST_IS_LIVE = "HOST_IS_LIVE";
  public static final String HOST_OFFLINE = "HOST_OFFLINE";
  public static final String HOST_NOT_LIVE = "HOST_NOT_LIVE";
  public static final String HOST_DISABLED = "HOST_DISABLED";
  public static final String HOST_HAS_RESIDENT_VMS = "HOST_HAS_RESIDENT_VMS";
  public static final String CANNOT_CONTACT_HOST = "CANNOT_CONTACT_HOST";

  // HA
  public static final String HA_IS_ENABLED = "HA_IS_ENABLED";
  public static final String HA_NOT_ENABLED = "HA_NOT_ENABLED";
  public static final String CANNOT_CREATE_STATE_FILE = "CANNOT_CREATE_STATE_FILE";
  public static final String SR_NO_PBDS = "SR_NO_PBDS";
  public static final String HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED = "HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED";

  // VMs
  public static final String VM_BAD_POWER_STATE = "VM_BAD_POWER_STATE";
  public static final String VM_REQUIRES_SR = "VM_REQUIRES_SR";
  public static final String HOST_NOT_ENOUGH_FREE_MEMORY = "HOST_NOT_ENOUGH_FREE_MEMORY";
  public static final String CANNOT_RESET_CONTROL_DOMAIN = "CANNOT_RESET_CONTROL_DOMAIN";
  public static final String DOMAIN_EXISTS = "DOMAIN_EXISTS";

  // storage
  public static final String VDI_IN_USE = "VDI_IN_USE";
  public static final String SR_BACKEND_FAILURE_46 = "SR_BACKEND_FAILURE_46";
  public static final String SR_BACKEND_FAILURE_47 = "SR_BACKEND_FAILURE_47";
  public static final String PBD_EXISTS = "PBD_EXISTS";
  public static final String OPERATION_NOT_ALLOWED = "OPERATION_NOT_ALLOWED";
  public static final String SR_NOT_SHARABLE = "SR_NOT_SHARABLE";
  public static final String DEFAULT_SR_NOT_FOUND = "DEFAULT_SR_NOT_FOUND";
  public static final String VALUE_NOT_SUPPORTED = "VALUE_NOT_SUPPORTED";

  // database, backups, metadata
  public static final String RESTORE_INCOMPATIBLE_VERSION = "RESTORE_INCOMPATIBLE_VERSION";
  public static final String RESTORE_TARGET_MISSING_DEVICE = "RESTORE_TARGET_MISSING_DEVICE";
  public static final String RESTORE_TARGET_MGMT_IF_NOT_IN_BACKUP = "RESTORE_TARGET_MGMT_IF_NOT_IN_BACKUP";
  public static final String RESTORE_SCRIPT_FAILED = "RESTORE_SCRIPT_FAILED";
  public static final String BACKUP_SCRIPT_FAILED = "BACKUP_SCRIPT_FAILED";
  public static final String IMPORT_ERROR_UNEXPECTED_FILE = "IMPORT_ERROR_UNEXPECTED_FILE";
  public static final String VDI_LOCATION_MISSING = "VDI_LOCATION_MISSING";
  public static final String VM_TO_IMPORT_IS_NOT_NEWER_VERSION = "VM_TO_IMPORT_IS_NOT_NEWER_VERSION";
  public static final String VDI_CONTENT_ID_MISSING = "VDI_CONTENT_ID_MISSING";
  public static final String IMPORT_ERROR = "IMPORT_ERROR";
  public static final String IMPORT_ERROR_ATTACHED_DISKS_NOT_FOUND = "IMPORT_ERROR_ATTACHED_DISKS_NOT_FOUND";

  // pool join
  public static final String JOINING_HOST_CANNOT_HAVE_RUNNING_VMS = "JOINING_HOST_CANNOT_HAVE_RUNNING_VMS";
  public static final String JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS = "JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS";
  public static final String JOINING_HOST_SERVICE_FAILED = "JOINING_HOST_SERVICE_FAILED";
  public static final String JOINING_HOST_CONNECTION_FAILED = "JOINING_HOST_CONNECTION_FAILED";
  public static final String JOINING_HOST_CANNOT_BE_MASTER_OF_OTHER_HOSTS =
      "JOINING_HOST_CANNOT_BE_MASTER_OF_OTHER_HOSTS";
}
