package io.poolrescue.workflows.fanout;

import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.workflows.api.SiteRoute;
import io.poolrescue.workflows.core.Versions;
import java.util.List;

/**
 * One chunk of a big VM fan-out, run by a {@link VmBatchWorkflow} child.
 *
 * @param waves VMs in the order to process them; for starts, one wave finishes before the next begins
 * @param attested resets rest on a two-person attestation, not on the dead host's BMC (false in
 *     requests recorded before fencing: then the BMC must say Off)
 * @param approval the procedure's reset-vms gate, which each reset batch checks again (null for starts,
 *     and in requests recorded before it existed)
 * @param behaviourVersion the parent run's behaviour version ({@code Versions}), which the child's
 *     activity options follow (0 in requests recorded before it was carried: older than any change here)
 * @param route the parent's site: the batch's pool calls go there too (null: the shared queue, and in
 *     requests recorded before sites)
 */
public record VmBatchRequest(
    Kind kind, String poolAddress, String deadHostUuid, boolean includeSuspended, List<String> excludedHostUuids,
    List<List<String>> waves, int maxParallel, boolean attested, ApprovalProof approval, int behaviourVersion,
    SiteRoute route) {

  /** A request for the parent's own batches, which never reach a child as they are (the shared queue). */
  public VmBatchRequest(Kind kind, String poolAddress, String deadHostUuid, boolean includeSuspended,
      List<String> excludedHostUuids, List<List<String>> waves, int maxParallel, boolean attested,
      ApprovalProof approval) {
    this(kind, poolAddress, deadHostUuid, includeSuspended, excludedHostUuids, waves, maxParallel, attested, approval,
        Versions.ORIGINAL, null);
  }


  public VmBatchRequest {
    excludedHostUuids = excludedHostUuids == null ? List.of() : List.copyOf(excludedHostUuids);
    waves = waves.stream().map(List::copyOf).toList();
  }

  public enum Kind {
    RESET,
    START
  }

  public int size() {
    return waves.stream().mapToInt(List::size).sum();
  }
}
