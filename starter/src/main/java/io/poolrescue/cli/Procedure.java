package io.poolrescue.cli;

import io.poolrescue.workflows.api.HostConfigRestoreRequest;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.PoolBackupRequest;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.VmMetadataImportRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The procedures the CLI can start: CLI name, Temporal workflow type, request type. */
public enum Procedure {
  MEMBER_FAILURE("member-failure", "MemberFailureRecovery", MemberFailureRequest.class, true),
  MASTER_FAILURE("master-failure", "MasterFailureRecovery", MasterFailureRequest.class, true),
  POOL_RESTORE("pool-restore", "PoolRestore", PoolRestoreRequest.class, true),
  HOST_CONFIG_RESTORE("host-config-restore", "HostConfigRestore", HostConfigRestoreRequest.class, true),
  VM_METADATA_IMPORT("vm-metadata-import", "VmMetadataImport", VmMetadataImportRequest.class, true),
  POOL_BACKUP("pool-backup", "PoolBackup", PoolBackupRequest.class, false);

  private final String cliName;
  private final String workflowType;
  private final Class<?> requestType;
  private final boolean gated;

  Procedure(String cliName, String workflowType, Class<?> requestType, boolean gated) {
    this.cliName = cliName;
    this.workflowType = workflowType;
    this.requestType = requestType;
    this.gated = gated;
  }

  public String cliName() {
    return cliName;
  }

  public String workflowType() {
    return workflowType;
  }

  public Class<?> requestType() {
    return requestType;
  }

  /** True when the request carries requestedBy and an approval policy. */
  public boolean gated() {
    return gated;
  }

  /** By CLI name or workflow type, any case. */
  public static Optional<Procedure> find(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(p -> p.cliName.equals(n) || p.workflowType.toLowerCase(Locale.ROOT).equals(n))
        .findFirst();
  }

  public static String names() {
    return Arrays.stream(values()).map(Procedure::cliName).collect(Collectors.joining(", "));
  }
}
