package io.poolrescue.activities.backup;

/**
 * A VM metadata import ({@code PUT /import_metadata?restore=true}).
 *
 * @param force best effort: skip missing disks, skip running VMs, replace older versions
 * @param replaceExisting import even when a VM with the export's uuid exists (otherwise that is "already present")
 */
public record MetadataImportRequest(
    String poolAddress, String backupId, boolean force, boolean dryRun, boolean replaceExisting) {}
