package io.poolrescue.activities.metadata;

import io.poolrescue.activities.approval.ApprovalProof;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Recreating VMs from metadata exports in the backup store (VmMetadataImport). Batches of at most a few hundred. */
@ActivityInterface(namePrefix = "MetadataImport")
public interface MetadataImportActivities {

  /** {@code PUT /import_metadata?dry_run=true} of each export, and with {@code force} too when the plain one is refused. */
  @ActivityMethod
  List<ImportCheck> dryRunImports(String poolAddress, List<String> backupIds);

  /**
   * Imports each export: a dry run first, then the import (with {@code force} only when asked). A VM
   * already present at the exported version is not imported again, so a repeated call changes nothing.
   */
  @ActivityMethod
  List<ImportOutcome> importExports(String poolAddress, List<String> backupIds, boolean force, ApprovalProof approval);
}
