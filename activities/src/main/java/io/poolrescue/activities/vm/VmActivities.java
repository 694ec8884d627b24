package io.poolrescue.activities.vm;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Power-state resets and starts, in batches. Each VM is checked before it is touched. */
@ActivityInterface(namePrefix = "Vm")
public interface VmActivities {

  /**
   * {@code VM.power_state_reset} for each VM that is Running or Paused on a dead host. Never resets a
   * VM whose host is live ({@code HOST_IS_LIVE}, non-retryable) or one that runs elsewhere.
   */
  @ActivityMethod
  List<ResetResult> resetVms(ResetBatch batch);

  /** Orders the VMs for starting and sets aside the ones no live host can run (their SRs are plugged nowhere). */
  @ActivityMethod
  StartPlan planStarts(StartBatch request);

  /** {@code VM.start_on} for each Halted VM, on a suitable live host; a VM already running is left alone. */
  @ActivityMethod
  List<StartResult> startVms(StartBatch batch);

  /**
   * Like {@link #planStarts}, and places every VM on a host (by free memory and the hosts' start slots)
   * so the workflow can keep each host busy up to its slots.
   */
  @ActivityMethod
  StartSchedule scheduleStarts(StartBatch request);

  /**
   * {@code VM.start_on} for each VM of the batch on its scheduled host, all at once; a VM the host
   * refuses (memory, liveness, SRs) goes to another suitable host, one already running is left alone.
   */
  @ActivityMethod
  List<StartResult> startVmsOn(HostStartBatch batch);
}
