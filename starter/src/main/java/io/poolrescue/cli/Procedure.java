package io.poolrescue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.workflows.api.HostConfigRestoreRequest;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.PoolBackupRequest;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.VmMetadataImportRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The procedures the CLI can start: CLI name, Temporal workflow type, request type. */
public enum Procedure {
  MEMBER_FAILURE("member-failure", "MemberFailureRecovery", MemberFailureRequest.class, true, "hostUuid",
      "poolAddress", "hostUuid", "mode"),
  MASTER_FAILURE("master-failure", "MasterFailureRecovery", MasterFailureRequest.class, true, "oldMasterAddress",
      "oldMasterAddress", "memberAddresses"),
  POOL_RESTORE("pool-restore", "PoolRestore", PoolRestoreRequest.class, true, "targetMasterAddress",
      "backupId", "targetMasterAddress"),
  HOST_CONFIG_RESTORE("host-config-restore", "HostConfigRestore", HostConfigRestoreRequest.class, true, "hostUuid",
      "poolAddress", "hostUuid"),
  VM_METADATA_IMPORT("vm-metadata-import", "VmMetadataImport", VmMetadataImportRequest.class, true, null,
      "poolAddress", "backupIds"),
  POOL_BACKUP("pool-backup", "PoolBackup", PoolBackupRequest.class, false, "poolAddress", "poolAddress");

  private final String cliName;
  private final String workflowType;
  private final Class<?> requestType;
  private final boolean gated;
  /** The request field that names what the run recovers, so a second run of the same thing gets the same id. */
  private final String idField;
  private final List<String> requiredFields;

  Procedure(String cliName, String workflowType, Class<?> requestType, boolean gated, String idField,
      String... requiredFields) {
    this.cliName = cliName;
    this.workflowType = workflowType;
    this.requestType = requestType;
    this.gated = gated;
    this.idField = idField;
    this.requiredFields = List.of(requiredFields);
  }

  /** The request fields a start cannot go without (the CLI's required flags). */
  public List<String> requiredFields() {
    return requiredFields;
  }

  /** The required fields {@code request} lacks: absent, null, blank text or an empty list. */
  public List<String> missingFields(JsonNode request) {
    return requiredFields.stream().filter(f -> {
      JsonNode v = request.get(f);
      return v == null || v.isNull() || (v.isTextual() && v.asText().isBlank()) || (v.isArray() && v.isEmpty());
    }).toList();
  }

  /**
   * The workflow id of a start of this request: the procedure and what it recovers, so that Temporal
   * refuses a second recovery of the same host while the first runs. An import of VM metadata may
   * run several times on one pool, so its id also carries the time.
   */
  public String workflowId(JsonNode request) {
    if (idField == null) {
      return cliName + "-" + shortKey(request.path("poolAddress").asText(null)) + "-" + System.currentTimeMillis();
    }
    return cliName + "-" + shortKey(request.path(idField).asText(null));
  }

  private static String shortKey(String s) {
    return s == null ? "run" : s.replaceAll("[^A-Za-z0-9.-]", "-");
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
