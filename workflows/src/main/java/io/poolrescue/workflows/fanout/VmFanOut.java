package io.poolrescue.workflows.fanout;

import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.inspection.HostReadiness;
import io.poolrescue.activities.inspection.ReadinessReport;
import io.poolrescue.activities.vm.ResetBatch;
import io.poolrescue.activities.vm.ResetResult;
import io.poolrescue.activities.vm.StartBatch;
import io.poolrescue.activities.vm.StartPlan;
import io.poolrescue.activities.vm.StartResult;
import io.poolrescue.activities.vm.StartSchedule;
import io.poolrescue.workflows.api.Progress;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.ReadinessWait;
import io.poolrescue.workflows.core.RunStatusRecorder;
import io.poolrescue.workflows.core.Versions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * VM resets and starts with bounded parallelism, inside the workflow (deterministic).
 *
 * <p>VMs go to activities in small batches; at most {@code maxParallel} batches run at once, and each
 * batch handles its VMs one after the other, so at most {@code maxParallel} VM operations are in
 * flight. Starts follow the plan's waves (HA restart priority, then order): a wave begins when the
 * previous one is done. Sets larger than {@code childThreshold} are cut into consecutive chunks run
 * by {@link VmBatchWorkflow} children one after the other, which keeps every history small.
 */
public final class VmFanOut {
  /** VMs per activity call: small enough for a quick retry, large enough to keep histories short. */
  public static final int MAX_BATCH = 25;
  /** Above this many VMs, work goes to child workflows of at most this many VMs each. */
  public static final int CHILD_THRESHOLD = 400;
  public static final int DEFAULT_PARALLEL = 8;
  /** From {@link Versions#SCHEDULE}: VM starts in flight in all when the request sets no cap. */
  public static final int DEFAULT_START_CAP = 1024;
  /** From {@link Versions#SCHEDULE}: above this many starts, each priority tier's hosts are split among children. */
  public static final int START_CHILD_THRESHOLD = 2000;

  private final ActivityStubs acts;
  private final RunStatusRecorder status;
  private final int maxParallel;
  private final int startCap;
  private final int childThreshold;
  private int childSeq;

  public VmFanOut(ActivityStubs acts, RunStatusRecorder status, int maxParallel) {
    this(acts, status, maxParallel, CHILD_THRESHOLD);
  }

  public VmFanOut(ActivityStubs acts, RunStatusRecorder status, int maxParallel, int childThreshold) {
    this.acts = acts;
    this.status = status;
    this.maxParallel = maxParallel <= 0 ? DEFAULT_PARALLEL : maxParallel;
    this.startCap = maxParallel <= 0 ? DEFAULT_START_CAP : maxParallel;
    this.childThreshold = Math.max(1, childThreshold);
  }

  /**
   * Resets the VMs resident on a dead host (or, with a null host, on any dead or missing host);
   * {@code approval}: the reset-vms gate it rests on, checked again by every reset batch;
   * {@code attested}: the dead host is off on people's word, not its BMC's.
   */
  public VmBatchResult reset(String poolAddress, String deadHostUuid, boolean includeSuspended, List<String> vms,
      ApprovalProof approval, boolean attested) {
    VmBatchRequest all = new VmBatchRequest(VmBatchRequest.Kind.RESET, poolAddress, deadHostUuid, includeSuspended,
        List.of(), List.of(vms), maxParallel, attested, approval);
    String gateId = approval == null ? null : approval.gateId(); // null: the activities refuse the resets
    return all.size() > childThreshold ? viaChildren(all, "VMs reset") : resetLocally(all, gateId);
  }

  /**
   * Plans and starts the VMs on live hosts (never on an excluded one); with {@code awaitReady}, first
   * waits (bounded) for hosts settling after a restart ({@link ReadinessWait}).
   */
  public VmBatchResult start(String poolAddress, List<String> excludedHostUuids, List<String> vms,
      boolean awaitReady) {
    if (awaitReady && !vms.isEmpty() && acts.version() >= Versions.ROLLING_STARTS
        && vms.size() <= startChildThreshold()) {
      ReadinessReport r = acts.inspect.readiness(poolAddress, excludedHostUuids);
      if (r.settled()) {
        return start(poolAddress, excludedHostUuids, vms);
      }
      if (r.masterProblem() == null && r.readyCount() > 0) {
        return rollingStart(poolAddress, excludedHostUuids, vms, r);
      }
    }
    List<String> excluded = awaitReady && !vms.isEmpty()
        ? new ReadinessWait(acts, status).await(poolAddress, excludedHostUuids) : excludedHostUuids;
    return start(poolAddress, excluded, vms);
  }

  /**
   * From {@link Versions#ROLLING_STARTS}, while some hosts settle: the starts begin on the ready
   * hosts, and the VMs that cannot go yet wait for a place ({@link HostScheduledStarts#runRolling}).
   */
  private VmBatchResult rollingStart(String poolAddress, List<String> excludedHostUuids, List<String> vms,
      ReadinessReport r) {
    List<String> settling = r.settling().stream().map(HostReadiness::uuid).toList();
    StartSchedule first = acts.vm.scheduleStarts(new StartBatch(poolAddress, excludedHostUuids, vms, settling,
        Map.of(), Map.of(), true));
    first.notRestartable().forEach(n -> status.warn("not restartable: " + n.describe()));
    VmBatchResult already = new VmBatchResult(0, first.alreadyRunning().size(), List.of(), first.notRestartable());
    return already.plus(new HostScheduledStarts(acts, status, poolAddress, excludedHostUuids, startCap)
        .runRolling(first, r));
  }

  /** A caller's own threshold (tests, children: no nesting) stands; the default one is the schedule's. */
  private int startChildThreshold() {
    return childThreshold == CHILD_THRESHOLD ? START_CHILD_THRESHOLD : childThreshold;
  }

  /** Plans and starts the VMs on live hosts (never on an excluded one). */
  public VmBatchResult start(String poolAddress, List<String> excludedHostUuids, List<String> vms) {
    if (acts.version() >= Versions.SCHEDULE) {
      return scheduledStart(poolAddress, excludedHostUuids, vms);
    }
    StartPlan plan = acts.vm.planStarts(new StartBatch(poolAddress, excludedHostUuids, vms));
    plan.notRestartable().forEach(n -> status.warn("not restartable: " + n.describe()));
    VmBatchResult already = new VmBatchResult(0, plan.alreadyRunning().size(), List.of(), plan.notRestartable());
    VmBatchRequest all = new VmBatchRequest(VmBatchRequest.Kind.START, poolAddress, null, false, excludedHostUuids,
        plan.waves(), maxParallel, false, null);
    VmBatchResult done = all.size() > childThreshold ? viaChildren(all, "VMs started") : startLocally(all);
    return already.plus(done);
  }

  /** Runs a whole request here, batch by batch; what a {@link VmBatchWorkflow} child does with its chunk. */
  VmBatchResult runLocally(VmBatchRequest r) {
    if (r.kind() == VmBatchRequest.Kind.RESET) {
      return resetLocally(r, null);
    }
    return acts.version() >= Versions.SCHEDULE
        ? scheduledStart(r.poolAddress(), r.excludedHostUuids(), r.waves().stream().flatMap(List::stream).toList())
        : startLocally(r);
  }

  /** Places every VM first, then keeps each host busy up to its start slots ({@link HostScheduledStarts}). */
  private VmBatchResult scheduledStart(String poolAddress, List<String> excludedHostUuids, List<String> vms) {
    StartSchedule schedule = acts.vm.scheduleStarts(new StartBatch(poolAddress, excludedHostUuids, vms));
    schedule.notRestartable().forEach(n -> status.warn("not restartable: " + n.describe()));
    VmBatchResult already = new VmBatchResult(0, schedule.alreadyRunning().size(), List.of(),
        schedule.notRestartable());
    int threshold = startChildThreshold();
    VmBatchResult done = schedule.toStart() > threshold
        ? scheduledViaChildren(poolAddress, excludedHostUuids, schedule, threshold)
        : new HostScheduledStarts(acts, status, poolAddress, excludedHostUuids, startCap).run(schedule);
    return already.plus(done);
  }

  /**
   * A schedule too large for one history: the hosts are split into groups of at most
   * {@link #START_CHILD_THRESHOLD} VMs, one child each, all running at once (each child places its VMs
   * again on its own hosts only). Before {@link Versions#POOL_PACE} this went tier by tier, the
   * next tier beginning when the tier's children were done; from it, a child has its hosts' VMs of
   * every tier and lets them overlap as {@link HostScheduledStarts} does.
   */
  private VmBatchResult scheduledViaChildren(String poolAddress, List<String> excludedHostUuids,
      StartSchedule schedule, int threshold) {
    VmBatchResult total = VmBatchResult.empty();
    int done = 0;
    List<List<StartGroups.Group>> rounds = acts.version() >= Versions.POOL_PACE
        ? StartGroups.byHosts(schedule, threshold) : StartGroups.byTierAndHosts(schedule, threshold);
    for (List<StartGroups.Group> groups : rounds) {
      List<Promise<VmBatchResult>> running = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (StartGroups.Group group : groups) {
        // the child's VMs may go to its own hosts only: every other host of the schedule is excluded there
        List<String> others = new ArrayList<>(excludedHostUuids);
        schedule.slotsByHost().keySet().stream().sorted().filter(h -> !group.hosts().contains(h)).forEach(others::add);
        VmBatchRequest part = new VmBatchRequest(VmBatchRequest.Kind.START, poolAddress, null, false, others,
            List.of(group.vms()), Math.max(1, startCap / groups.size()), false, null, acts.version(), acts.route());
        String id = childId(VmBatchRequest.Kind.START);
        ids.add(id);
        running.add(Async.function(childStub(id)::run, part));
      }
      for (int i = 0; i < running.size(); i++) {
        VmBatchResult r = running.get(i).get();
        int size = groups.get(i).vms().size();
        status.operation("VM.start_on", List.of(size + " VMs", "child " + ids.get(i)),
            "ok " + r.applied() + ", already " + r.unchanged() + ", failed " + r.failed().size(), null);
        r.failed().forEach(f -> status.warn("VM " + f.describe()));
        total = total.plus(r);
        done += size;
        status.progress(new Progress("VMs started", done - total.failed().size(), schedule.toStart(),
            total.failed().size()));
      }
    }
    return total;
  }

  private String childId(VmBatchRequest.Kind kind) {
    return Workflow.getInfo().getWorkflowId() + "/vm-" + kind.name().toLowerCase() + "-" + (++childSeq);
  }

  private VmBatchWorkflow childStub(String childId) {
    status.child(childId);
    return Workflow.newChildWorkflowStub(VmBatchWorkflow.class, ChildWorkflowOptions.newBuilder()
        .setWorkflowId(childId)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
        .build());
  }

  private VmBatchResult resetLocally(VmBatchRequest r, String gateId) {
    int total = r.size();
    List<ResetResult> results = new ArrayList<>();
    for (List<String> wave : r.waves()) {
      bounded(wave, b -> Async.function(acts.vm::resetVms,
          new ResetBatch(r.poolAddress(), r.deadHostUuid(), r.includeSuspended(), b, r.attested(), r.approval())),
          done -> {
            for (ResetResult x : done) {
              if (x.changedPool()) {
                status.operation("VM.power_state_reset", List.of(x.vmUuid()), "ok", gateId);
              }
            }
            results.addAll(done);
            status.progress(new Progress("VMs reset", results.size(), total, 0));
          });
    }
    int applied = (int) results.stream().filter(ResetResult::changedPool).count();
    List<String> leftAlone = results.stream().filter(x -> x.action() == ResetResult.Action.LEFT_ALONE
        || x.action() == ResetResult.Action.GONE).map(x -> x.vmUuid() + ": " + x.detail()).toList();
    return new VmBatchResult(applied, results.size() - applied - leftAlone.size(), leftAlone, List.of());
  }

  private VmBatchResult startLocally(VmBatchRequest r) {
    int total = r.size();
    List<StartResult> results = new ArrayList<>();
    int[] failed = {0};
    for (List<String> wave : r.waves()) {
      bounded(wave, b -> Async.function(acts.vm::startVms, new StartBatch(r.poolAddress(), r.excludedHostUuids(), b)),
          done -> {
            for (StartResult x : done) {
              if (x.action() == StartResult.Action.STARTED) {
                status.operation("VM.start_on", List.of(x.vmUuid(), x.hostUuid()), "ok", null);
              } else if (x.action() == StartResult.Action.FAILED) {
                failed[0]++;
                status.warn("VM " + x.vmUuid() + " not started: " + x.errorCode() + " " + x.detail());
              }
            }
            results.addAll(done);
            status.progress(new Progress("VMs started", results.size() - failed[0], total, failed[0]));
          });
    }
    return VmBatchResult.ofStarts(results);
  }

  /** At most {@code maxParallel} batches in flight; results are handed over as batches complete. */
  private <T> void bounded(List<String> vms, Function<List<String>, Promise<List<T>>> launch,
      Consumer<List<T>> onDone) {
    int size = Math.max(1, Math.min(MAX_BATCH, (vms.size() + maxParallel - 1) / maxParallel));
    List<Promise<List<T>>> inFlight = new ArrayList<>();
    for (int i = 0; i < vms.size(); i += size) {
      if (inFlight.size() >= maxParallel) {
        collect(inFlight, onDone);
      }
      inFlight.add(launch.apply(vms.subList(i, Math.min(vms.size(), i + size))));
    }
    while (!inFlight.isEmpty()) {
      collect(inFlight, onDone);
    }
  }

  private static <T> void collect(List<Promise<List<T>>> inFlight, Consumer<List<T>> onDone) {
    Promise.anyOf(inFlight).get();
    for (var it = inFlight.iterator(); it.hasNext(); ) {
      Promise<List<T>> p = it.next();
      if (p.isCompleted()) {
        it.remove();
        onDone.accept(p.get());
      }
    }
  }

  /** Consecutive chunks of at most {@code childThreshold} VMs, keeping the waves' order, one child each. */
  private VmBatchResult viaChildren(VmBatchRequest all, String what) {
    List<List<List<String>>> chunks = chunk(all.waves(), childThreshold);
    VmBatchResult total = VmBatchResult.empty();
    int done = 0;
    for (List<List<String>> chunk : chunks) {
      String childId = childId(all.kind());
      VmBatchWorkflow child = childStub(childId);
      VmBatchRequest part = new VmBatchRequest(all.kind(), all.poolAddress(), all.deadHostUuid(),
          all.includeSuspended(), all.excludedHostUuids(), chunk, all.maxParallel(), all.attested(), all.approval(),
          acts.version(), acts.route());
      VmBatchResult r = child.run(part);
      String call = all.kind() == VmBatchRequest.Kind.RESET ? "VM.power_state_reset" : "VM.start_on";
      status.operation(call, List.of(part.size() + " VMs", "child " + childId),
          "ok " + r.applied() + ", already " + r.unchanged() + ", failed " + r.failed().size(), null);
      r.failed().forEach(f -> status.warn("VM " + f.describe()));
      total = total.plus(r);
      done += part.size();
      status.progress(new Progress(what, done - total.failed().size(), all.size(), total.failed().size()));
    }
    return total;
  }

  static List<List<List<String>>> chunk(List<List<String>> waves, int max) {
    List<List<List<String>>> chunks = new ArrayList<>();
    List<List<String>> current = new ArrayList<>();
    int size = 0;
    for (List<String> wave : waves) {
      for (int i = 0; i < wave.size(); ) {
        int take = Math.min(max - size, wave.size() - i);
        current.add(wave.subList(i, i + take));
        size += take;
        i += take;
        if (size == max) {
          chunks.add(current);
          current = new ArrayList<>();
          size = 0;
        }
      }
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }
}
