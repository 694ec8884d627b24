package io.poolrescue.workflows.api;

import java.util.List;
import java.util.Map;

/**
 * Start of a {@code PoolRestore}: rebuild a lost pool from a database backup onto fresh hosts.
 *
 * @param backupId a pool database backup in the worker's backup store (see PoolBackup)
 * @param targetMasterAddress the fresh host that becomes master
 * @param otherHostAddresses fresh hosts to join afterwards
 * @param deviceConfigs per shared SR uuid, the device config the new hosts must use when they see
 *     the storage differently (empty when they see it as before)
 */
public record PoolRestoreRequest(
    String backupId,
    String targetMasterAddress,
    List<String> otherHostAddresses,
    Map<String, Map<String, String>> deviceConfigs,
    String requestedBy,
    ApprovalPolicy approvals,
    int maxParallel) {}
