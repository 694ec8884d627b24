package io.poolrescue.workflows.api;

import java.time.Duration;
import java.util.List;

/**
 * Start of a {@code MasterFailureRecovery}.
 *
 * @param oldMasterAddress the address of the master that stopped answering
 * @param memberAddresses the members' addresses (a dead master cannot list them)
 * @param newMasterAddress the member to promote, or null to let the run choose
 * @param waitForOldMaster how long to wait for the old master to come back before promoting (HA off)
 * @param defaultSrUuid the shared SR to make default if the pool's default SR is not valid, or null to choose
 */
public record MasterFailureRequest(
    String oldMasterAddress,
    List<String> memberAddresses,
    String newMasterAddress,
    Duration waitForOldMaster,
    String defaultSrUuid,
    String requestedBy,
    ApprovalPolicy approvals,
    int maxParallel) {}
