package io.poolrescue.activities.vm;

import io.poolrescue.activities.approval.ApprovalProof;
import java.util.List;

/**
 * VMs whose power state to reset to Halted (a few hundred at most per batch).
 *
 * @param deadHostUuid only VMs resident on this host are reset; null: any VM whose resident host is
 *     not live or no longer exists (after a pool database restore)
 * @param includeSuspended also reset Suspended VMs, abandoning their suspend image (their image was on a lost host)
 * @param approval the approved reset-vms gate of the run (or of the procedure that started this batch)
 */
public record ResetBatch(String poolAddress, String deadHostUuid, boolean includeSuspended, List<String> vmUuids,
    boolean attested, ApprovalProof approval) {

  public ResetBatch {
    vmUuids = List.copyOf(vmUuids);
  }
}
