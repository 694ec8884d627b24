package io.poolrescue.workflows.api;

import java.util.List;

/**
 * Start of a {@code VmMetadataImport}: recreate VMs from metadata exports while their storage is unavailable.
 *
 * @param backupIds VM metadata exports in the worker's backup store
 * @param startVms start the imported VMs at the end
 */
public record VmMetadataImportRequest(
    String poolAddress, List<String> backupIds, boolean startVms, String requestedBy, ApprovalPolicy approvals) {}
