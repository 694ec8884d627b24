package io.poolrescue.activities.vm;

import io.poolrescue.activities.Heartbeats;
import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.fence.FenceGuard;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryHost;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class VmActivitiesImpl implements VmActivities {
  private static final Logger log = LoggerFactory.getLogger(VmActivitiesImpl.class);

  /** Refusals that say "not on this host"; another candidate may work. */
  static final Set<String> TRY_ANOTHER_HOST = Set.of(
      XapiErrors.HOST_NOT_ENOUGH_FREE_MEMORY, XapiErrors.HOST_NOT_LIVE, XapiErrors.HOST_OFFLINE,
      XapiErrors.HOST_DISABLED, XapiErrors.VM_REQUIRES_SR, XapiErrors.CANNOT_CONTACT_HOST);

  private final PoolAccess pool;

  private final FenceGuard fence;
  /** The second check of the gate this call rests on, against the worker's policy. */
  private final ApprovalCheck approvals;

  /** Start slots per host uuid: from the worker's inventory, else {@link InventoryHost#DEFAULT_START_SLOTS}. */
  private final ToIntFunction<String> startSlots;

  public VmActivitiesImpl(PoolConnector connector, FenceGuard fence, ApprovalCheck approvals) {
    this(connector, fence, approvals, null);
  }

  /** {@code inventory}: where hosts' start slots come from (null: every host has the default). */
  public VmActivitiesImpl(PoolConnector connector, FenceGuard fence, ApprovalCheck approvals, Inventory inventory) {
    this.approvals = approvals;
    this.pool = new PoolAccess(connector);
    this.fence = fence;
    this.startSlots = uuid -> inventory == null ? InventoryHost.DEFAULT_START_SLOTS
        : inventory.host(uuid).map(InventoryHost::startSlotsOrDefault).orElse(InventoryHost.DEFAULT_START_SLOTS);
  }

  @Override
  public List<ResetResult> resetVms(ResetBatch batch) {
    // the gate only: a large restore's gate shows the first VMs, not every one it resets
    approvals.require(batch.approval(), GateIds.RESET_VMS, List.of());
    return pool.on(batch.poolAddress(), "reset power state of " + batch.vmUuids().size() + " VMs", c -> {
      PoolSnapshot s = c.snapshot();
      String deadRef = null;
      if (batch.deadHostUuid() != null) {
        Host dead = s.hostByUuid(batch.deadHostUuid()).orElse(null);
        if (dead != null && dead.live()) {
          throw XapiFailures.refused(XapiErrors.HOST_IS_LIVE, "host " + dead.uuid() + " (" + dead.nameLabel()
              + ") is live: its VMs may be running, no power state is reset");
        }
        // A forgotten host has no resident VMs left; every VM then reports its own state.
        deadRef = dead == null ? "" : dead.ref();
        fence.requireOff(batch.deadHostUuid(), dead == null ? null : dead.address(), batch.attested(),
            "VM.power_state_reset");
      } else {
        lostHostsOf(s, batch.vmUuids()).forEach(h ->
            fence.requireOff(h.uuid(), h.address(), batch.attested(), "VM.power_state_reset"));
      }
      List<ResetResult> results = new ArrayList<>();
      for (String uuid : batch.vmUuids()) {
        results.add(resetOne(c, s, uuid, deadRef, batch.includeSuspended()));
        Heartbeats.beat(results.size());
      }
      return results;
    });
  }

  /**
   * The hosts that are not live and on which these VMs are still marked active (after a pool restore,
   * the backup's hosts), except machines reinstalled in place: a live host with the same serial
   * shows that the old domains died with the reinstall.
   */
  private static List<Host> lostHostsOf(PoolSnapshot s, List<String> vmUuids) {
    Set<String> liveSerials = s.hosts().stream().filter(Host::live).map(Host::serial).filter(Objects::nonNull)
        .collect(Collectors.toSet());
    return vmUuids.stream().map(s::vmByUuid).flatMap(Optional::stream)
        .filter(v -> v.powerState() != PowerState.HALTED)
        .map(v -> s.host(v.residentOn())).flatMap(Optional::stream)
        .filter(h -> !h.live() && (h.serial() == null || !liveSerials.contains(h.serial())))
        .distinct().toList();
  }

  private ResetResult resetOne(PoolClient c, PoolSnapshot s, String uuid, String deadRef, boolean suspended) {
    Vm vm = s.vmByUuid(uuid).orElse(null);
    if (vm == null) {
      return new ResetResult(uuid, ResetResult.Action.GONE, "no such VM");
    }
    if (vm.powerState() == PowerState.HALTED) {
      return new ResetResult(uuid, ResetResult.Action.ALREADY_HALTED, "already Halted");
    }
    if (vm.powerState() == PowerState.SUSPENDED) {
      if (!suspended) {
        return new ResetResult(uuid, ResetResult.Action.LEFT_ALONE, "Suspended; its suspend image is kept");
      }
    } else {
      Optional<Host> resident = s.host(vm.residentOn());
      if (deadRef != null && !deadRef.equals(vm.residentOn())) {
        return new ResetResult(uuid, ResetResult.Action.LEFT_ALONE,
            vm.powerState().xapiName() + " on " + resident.map(Host::uuid).orElse("no host") + ", not on the dead host");
      }
      if (resident.isPresent() && resident.get().live()) {
        return new ResetResult(uuid, ResetResult.Action.LEFT_ALONE,
            vm.powerState().xapiName() + " on live host " + resident.get().uuid());
      }
    }
    c.vmPowerStateReset(uuid);
    log.info("VM {} ({}) power state reset from {}", uuid, vm.nameLabel(), vm.powerState().xapiName());
    return new ResetResult(uuid, ResetResult.Action.RESET, "was " + vm.powerState().xapiName());
  }

  @Override
  public StartPlan planStarts(StartBatch request) {
    PoolSnapshot s = pool.on(request.poolAddress(), "plan VM starts", PoolClient::snapshot);
    Sorted sorted = sort(s, new Placement(s, request.excludedHostUuids()), request.vmUuids());
    return new StartPlan(waves(sorted.toStart()), sorted.running(), sorted.cannot());
  }

  @Override
  public StartSchedule scheduleStarts(StartBatch request) {
    PoolSnapshot s = pool.on(request.poolAddress(), "schedule VM starts", PoolClient::snapshot);
    Placement placement = new Placement(s, request.excludedHostUuids(), request.settlingHostUuids());
    request.promisedBytesByHost().forEach(placement::promise);
    Sorted sorted = sort(s, placement, request.vmUuids());
    StartScheduler.Result r = new StartScheduler(placement, startSlots, request.busySlotsByHost())
        .schedule(sorted.toStart(), request.roomNowOnly());
    List<NotRestartable> cannot = new ArrayList<>(sorted.cannot());
    cannot.addAll(r.unplaced());
    int placed = r.waves().stream().mapToInt(w -> w.vms().size()).sum();
    log.info("scheduled {} VM starts on {} hosts ({} waiting for a place, {} not restartable)", placed,
        r.slotsByHost().size(), sorted.toStart().size() - placed - r.unplaced().size(), cannot.size());
    return new StartSchedule(r.waves(), sorted.running(), cannot, r.slotsByHost());
  }

  @Override
  public List<StartResult> startVmsOn(HostStartBatch batch) {
    return pool.on(batch.poolAddress(), "start " + batch.vmUuids().size() + " VMs on " + batch.hostUuid(),
        c -> new HostBatchStarts(c, batch, this::startOne, this::alreadyRunningOrFailed).run());
  }

  /** The VMs of a request sorted out: running already, not restartable (and why), to start. */
  private record Sorted(List<String> running, List<NotRestartable> cannot, List<Vm> toStart) {}

  private static Sorted sort(PoolSnapshot s, Placement placement, List<String> vmUuids) {
    List<String> running = new ArrayList<>();
    List<NotRestartable> cannot = new ArrayList<>();
    List<Vm> toStart = new ArrayList<>();
    for (String uuid : vmUuids) {
      Vm vm = s.vmByUuid(uuid).orElse(null);
      if (vm == null) {
        cannot.add(new NotRestartable(uuid, null, XapiErrors.UUID_INVALID, "the VM no longer exists"));
        continue;
      }
      Optional<Host> resident = s.host(vm.residentOn());
      if (vm.powerState() == PowerState.RUNNING && resident.map(Host::live).orElse(false)) {
        running.add(uuid);
      } else if (vm.powerState() != PowerState.HALTED) {
        cannot.add(new NotRestartable(uuid, vm.nameLabel(), XapiErrors.VM_BAD_POWER_STATE,
            "power state is " + vm.powerState().xapiName() + (resident.isPresent() ? " on dead host "
                + resident.get().uuid() + "; reset it first" : "; expected Halted")));
      } else {
        List<Sr> lost = placement.unreachableSrs(vm);
        if (!lost.isEmpty()) {
          cannot.add(new NotRestartable(uuid, vm.nameLabel(), XapiErrors.VM_REQUIRES_SR, describeLost(s, lost)));
        } else if (placement.hostsSeeingDisks(vm).isEmpty() && !placement.waitsForSettlingHost(vm)) {
          cannot.add(new NotRestartable(uuid, vm.nameLabel(), XapiErrors.HOST_NOT_LIVE,
              "no live host can run it"));
        } else {
          toStart.add(vm);
        }
      }
    }
    return new Sorted(running, cannot, toStart);
  }

  private static String describeLost(PoolSnapshot s, List<Sr> lost) {
    return lost.stream().map(sr -> "disks on SR " + sr.uuid() + " (" + sr.nameLabel() + ")"
            + (sr.shared() ? ", plugged on no live host"
                : s.pbdsOfSr(sr.ref()).isEmpty() ? ", a local SR of a host that is gone" : ", a local SR of a dead host"))
        .collect(Collectors.joining("; "));
  }

  /** HA restart priority first ({@code restart}, {@code best-effort}, the rest), then {@code order}. */
  static List<List<String>> waves(List<Vm> vms) {
    Map<String, List<String>> waves = new LinkedHashMap<>();
    vms.stream()
        .sorted(Comparator.comparingInt(VmActivitiesImpl::tier).thenComparingLong(Vm::order).thenComparing(Vm::uuid))
        .forEach(vm -> waves.computeIfAbsent(tier(vm) + "/" + vm.order(), k -> new ArrayList<>()).add(vm.uuid()));
    return List.copyOf(waves.values());
  }

  /** The HA restart tier a VM starts in: 0 for {@code restart}, 1 for {@code best-effort}, 2 for the rest. */
  public static int tier(Vm vm) {
    String p = vm.haRestartPriority() == null ? "" : vm.haRestartPriority();
    return switch (p) {
      case "restart" -> 0;
      case "best-effort" -> 1;
      default -> 2;
    };
  }

  @Override
  public List<StartResult> startVms(StartBatch batch) {
    return pool.on(batch.poolAddress(), "start " + batch.vmUuids().size() + " VMs", c -> {
      PoolSnapshot s = c.snapshot();
      Placement placement = new Placement(s, batch.excludedHostUuids());
      List<StartResult> results = new ArrayList<>();
      for (String uuid : batch.vmUuids()) {
        results.add(startOne(c, s, placement, uuid));
        Heartbeats.beat(results.size());
      }
      return results;
    });
  }

  StartResult startOne(PoolClient c, PoolSnapshot s, Placement placement, String uuid) {
    Vm vm = s.vmByUuid(uuid).orElse(null);
    if (vm == null) {
      return new StartResult(uuid, StartResult.Action.FAILED, null, XapiErrors.UUID_INVALID, "no such VM");
    }
    Optional<Host> resident = s.host(vm.residentOn());
    if (vm.powerState() == PowerState.RUNNING && resident.map(Host::live).orElse(false)) {
      return new StartResult(uuid, StartResult.Action.ALREADY_RUNNING, resident.get().uuid(), null, "already running");
    }
    if (vm.powerState() != PowerState.HALTED) {
      return new StartResult(uuid, StartResult.Action.FAILED, null, XapiErrors.VM_BAD_POWER_STATE,
          "power state is " + vm.powerState().xapiName() + ", expected Halted");
    }
    List<Host> candidates = placement.candidates(vm);
    if (candidates.isEmpty()) {
      List<Sr> lost = placement.unreachableSrs(vm);
      return lost.isEmpty()
          ? new StartResult(uuid, StartResult.Action.FAILED, null, XapiErrors.HOST_NOT_ENOUGH_FREE_MEMORY,
              "no live host with its SRs plugged has " + vm.memory() + " bytes free")
          : new StartResult(uuid, StartResult.Action.FAILED, null, XapiErrors.VM_REQUIRES_SR, describeLost(s, lost));
    }
    XapiException last = null;
    for (Host host : candidates) {
      try {
        c.vmStartOn(uuid, host.uuid());
        placement.reserve(host, vm.memory());
        log.info("VM {} ({}) started on {}", uuid, vm.nameLabel(), host.uuid());
        return new StartResult(uuid, StartResult.Action.STARTED, host.uuid(), null, "started on " + host.nameLabel());
      } catch (XapiException e) {
        if (XapiFailures.isTransient(e.code())) {
          throw e; // the whole batch is retried; VMs started so far are then ALREADY_RUNNING
        }
        last = e;
        if (XapiErrors.VM_BAD_POWER_STATE.equals(e.code())) {
          return alreadyRunningOrFailed(c, uuid, e);
        }
        if (!TRY_ANOTHER_HOST.contains(e.code())) {
          break;
        }
        placement.exhaust(host);
      }
    }
    return new StartResult(uuid, StartResult.Action.FAILED, null, last.code(), last.getMessage());
  }

  /** Someone else started it meanwhile (a retry, HA): that is success, not a failure. */
  StartResult alreadyRunningOrFailed(PoolClient c, String uuid, XapiException e) {
    PoolSnapshot now = c.snapshot();
    Vm vm = now.vmByUuid(uuid).orElse(null);
    if (vm != null && vm.powerState() == PowerState.RUNNING) {
      Optional<Host> h = now.host(vm.residentOn());
      if (h.map(Host::live).orElse(false)) {
        return new StartResult(uuid, StartResult.Action.ALREADY_RUNNING, h.get().uuid(), null, "already running");
      }
    }
    return new StartResult(uuid, StartResult.Action.FAILED, null, e.code(), e.getMessage());
  }
}
