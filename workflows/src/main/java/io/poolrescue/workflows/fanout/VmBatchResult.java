package io.poolrescue.workflows.fanout;

import io.poolrescue.activities.vm.NotRestartable;
import io.poolrescue.activities.vm.StartResult;
import java.util.List;

/**
 * What a fan-out (or one chunk of it) did, in counts; only the VMs that failed are listed, so
 * results stay small however many VMs there were.
 *
 * @param applied VMs reset or started
 * @param unchanged VMs already in the wanted state
 * @param leftAlone VMs a reset did not touch because they are not on a dead host (with why)
 * @param failed VMs that could not be started (or reset), with the XAPI code
 */
public record VmBatchResult(int applied, int unchanged, List<String> leftAlone, List<NotRestartable> failed) {

  public VmBatchResult {
    leftAlone = List.copyOf(leftAlone);
    failed = List.copyOf(failed);
  }

  public static VmBatchResult empty() {
    return new VmBatchResult(0, 0, List.of(), List.of());
  }

  /** What a list of starts did: started, already running, and the failures with their codes. */
  static VmBatchResult ofStarts(List<StartResult> results) {
    int applied = (int) results.stream().filter(x -> x.action() == StartResult.Action.STARTED).count();
    int unchanged = (int) results.stream().filter(x -> x.action() == StartResult.Action.ALREADY_RUNNING).count();
    List<NotRestartable> failures = results.stream().filter(x -> x.action() == StartResult.Action.FAILED)
        .map(x -> new NotRestartable(x.vmUuid(), null, x.errorCode(), x.detail())).toList();
    return new VmBatchResult(applied, unchanged, List.of(), failures);
  }

  public VmBatchResult plus(VmBatchResult o) {
    return new VmBatchResult(applied + o.applied, unchanged + o.unchanged, concat(leftAlone, o.leftAlone),
        concat(failed, o.failed));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
