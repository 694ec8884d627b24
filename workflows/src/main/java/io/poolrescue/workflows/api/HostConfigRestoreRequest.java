package io.poolrescue.workflows.api;

import java.time.Duration;

/**
 * Start of a {@code HostConfigRestore}: a host whose software or configuration is broken.
 *
 * @param backupId a host backup in the worker's backup store; null takes the newest one of that host
 * @param waitForHost how long to wait for the host to come back after the operator's reboot
 */
public record HostConfigRestoreRequest(
    String poolAddress, String hostUuid, String backupId, Duration waitForHost, String requestedBy,
    ApprovalPolicy approvals) {}
