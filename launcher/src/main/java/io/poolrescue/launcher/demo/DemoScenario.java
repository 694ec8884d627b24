package io.poolrescue.launcher.demo;

import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Procedure;
import io.poolrescue.cli.RunFollower;
import io.poolrescue.cli.RunOutcomes;
import io.poolrescue.cli.RunStarter;
import io.poolrescue.client.admin.Fault;
import io.poolrescue.devstack.DevStack;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.FreshHostSpec;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.HostConfigRestoreRequest;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest;
import io.poolrescue.workflows.api.PoolBackupRequest;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.VmMetadataImportRequest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What {@code poolrescue demo PROCEDURE} does around the run: what it prepares (backups), how it
 * breaks the simulated pool, the run's request, and the physical part of a human task (an operator
 * rebooting a host into the installer) when a gate asks for one.
 */
public sealed interface DemoScenario {

  Procedure procedure();

  /** Before anything breaks, e.g. the backups a restore needs. */
  default void prepare(DemoStage stage) throws InterruptedException {}

  /** Breaks the pool; returns what was done, one sentence per fault. */
  List<String> breakPool(DemoStage stage);

  Object request(DemoStage stage, ApprovalPolicy approvals);

  String workflowId(DemoStage stage);

  /** Called right before a gate is approved: the hands-on part of a human task, if it has one. */
  default void beforeApproving(DemoStage stage, GateView gate) {}

  static DemoScenario of(Procedure p) {
    return switch (p) {
      case MEMBER_FAILURE -> new MemberFailure();
      case MASTER_FAILURE -> new MasterFailure();
      case HOST_CONFIG_RESTORE -> new HostConfig();
      case POOL_RESTORE -> new WholePool();
      case VM_METADATA_IMPORT -> new VmMetadata();
      default -> throw CliFailure.badInput("the demo covers member-failure, master-failure, host-config-restore, "
          + "pool-restore and vm-metadata-import; " + p.cliName() + " runs on the dev stack with 'poolrescue dev' + "
          + "'poolrescue start " + p.cliName() + "'");
    };
  }

  /** Runs PoolBackup once, as a nightly schedule would have, and follows it. */
  static void takeBackups(DemoStage stage, boolean hostBackups) throws InterruptedException {
    takeBackups(stage, hostBackups, false);
  }

  static void takeBackups(DemoStage stage, boolean hostBackups, boolean vmMetadata) throws InterruptedException {
    PoolBackupRequest backup = new PoolBackupRequest(stage.masterAddress(), Duration.ofHours(24), 7, hostBackups,
        vmMetadata, 1);
    String id = "demo-pool-backup";
    RunStarter.start(stage.client(), Procedure.POOL_BACKUP, id, backup);
    stage.out().println(">>> backups first: PoolBackup " + id + " (one round, as the nightly run would have done)");
    RunFollower.Outcome o = new RunFollower(stage.client(), stage.out(), RunFollower.GateHandler.NONE, Duration.ofMillis(300))
        .follow(id);
    if (RunOutcomes.exitCode(o) != ExitCode.OK) {
      throw CliFailure.failed("the backup run did not succeed; the demo cannot go on");
    }
  }

  /** The newest backup of that kind and subject the PoolBackup run left in the dev stack's store. */
  static BackupRecord newestBackup(DemoStage stage, BackupArtefact.Kind kind, String subjectUuid, String what) {
    return stage.stack().backupStore().newest(kind, subjectUuid)
        .orElseThrow(() -> CliFailure.failed("PoolBackup left no " + what));
  }

  /** A member with running VMs loses power; the run forgets it and restarts its VMs elsewhere. */
  final class MemberFailure implements DemoScenario {
    @Override
    public Procedure procedure() {
      return Procedure.MEMBER_FAILURE;
    }

    /** The member with the most resident VMs (the last by name on a tie): the host the demo fails. */
    public static Host victim(PoolSnapshot s) {
      String master = s.pool().masterRef();
      return s.hosts().stream()
          .filter(h -> !h.ref().equals(master))
          .max(Comparator.comparingInt((Host h) -> s.residentVms(h.ref()).size())
              .thenComparing(Host::nameLabel, Comparator.reverseOrder()))
          .orElseThrow(() -> CliFailure.failed("the simulated pool has no member to fail"));
    }

    @Override
    public List<String> breakPool(DemoStage stage) {
      return List.of(stage.stack().pool().inject(new Fault.FailHost(victim(stage.before()).uuid())));
    }

    @Override
    public Object request(DemoStage stage, ApprovalPolicy approvals) {
      return new MemberFailureRequest(stage.masterAddress(), victim(stage.before()).uuid(),
          MemberFailureRequest.Mode.FORGET, stage.starter(), approvals, 4);
    }

    @Override
    public String workflowId(DemoStage stage) {
      return "demo-member-failure-" + victim(stage.before()).nameLabel();
    }
  }

  /** The master loses power; the run promotes a member, recovers the others, then forgets the old master. */
  final class MasterFailure implements DemoScenario {
    @Override
    public Procedure procedure() {
      return Procedure.MASTER_FAILURE;
    }

    @Override
    public List<String> breakPool(DemoStage stage) {
      return List.of(stage.stack().pool().inject(new Fault.FailMaster()));
    }

    @Override
    public Object request(DemoStage stage, ApprovalPolicy approvals) {
      Host master = stage.before().master().orElseThrow();
      List<String> members = stage.before().hosts().stream()
          .filter(h -> !h.uuid().equals(master.uuid())).map(Host::address).toList();
      return new MasterFailureRequest(master.address(), members, null, Duration.ofSeconds(10), null, stage.starter(),
          approvals, 4);
    }

    @Override
    public String workflowId(DemoStage stage) {
      return "demo-master-failure-" + stage.before().master().map(Host::nameLabel).orElse("master");
    }
  }

  /** host-3's configuration breaks; its backup is uploaded, the operator reboots it into "Restore from backup". */
  final class HostConfig implements DemoScenario {
    static final String HOST = "host-3";

    @Override
    public Procedure procedure() {
      return Procedure.HOST_CONFIG_RESTORE;
    }

    @Override
    public void prepare(DemoStage stage) throws InterruptedException {
      takeBackups(stage, true);
    }

    @Override
    public List<String> breakPool(DemoStage stage) {
      return List.of(stage.stack().pool().inject(new Fault.DamageConfig(HOST)));
    }

    @Override
    public Object request(DemoStage stage, ApprovalPolicy approvals) {
      return new HostConfigRestoreRequest(stage.masterAddress(), stage.hostUuid(HOST), null, Duration.ofMinutes(2),
          stage.starter(), approvals);
    }

    @Override
    public String workflowId(DemoStage stage) {
      return "demo-host-config-restore-" + HOST;
    }

    @Override
    public void beforeApproving(DemoStage stage, GateView gate) {
      if (gate.gateId().startsWith("reboot-into-restore")) {
        stage.stack().pool().sim().rebootIntoInstallerRestore(stage.hostUuid(HOST));
        stage.out().println(">>> OPERATOR (hands-on step, simulated): booted " + HOST
            + " from the installation media and chose 'Restore from backup'");
      }
    }
  }

  /** Every host of the pool is lost; the pool database backup is restored onto fresh installs (three for the demo). */
  final class WholePool implements DemoScenario {
    private static final long GIB = 1024L * 1024 * 1024;
    /** Of the dev stack's fresh-install addresses, which its inventory lists. */
    private final List<String> fresh;
    private final long memoryBytes;
    private final int maxParallel;
    private String backupId;

    WholePool() {
      this(3, 64 * GIB, 4);
    }

    /** {@code hosts} fresh installs of {@code memoryBytes} each; {@code maxParallel} for the request (0: no cap). */
    public WholePool(int hosts, long memoryBytes, int maxParallel) {
      this.fresh = DevStack.FRESH_ADDRESSES.subList(0, hosts);
      this.memoryBytes = memoryBytes;
      this.maxParallel = maxParallel;
    }

    @Override
    public Procedure procedure() {
      return Procedure.POOL_RESTORE;
    }

    @Override
    public void prepare(DemoStage stage) throws InterruptedException {
      takeBackups(stage, false);
      BackupRecord newest = newestBackup(stage, BackupArtefact.Kind.POOL_DATABASE, stage.before().pool().uuid(),
          "pool database backup");
      backupId = newest.id();
      stage.out().println(">>> pool database backup " + backupId + " (sha256 " + newest.sha256() + ", encrypted at rest: "
          + newest.encrypted() + ")");
    }

    @Override
    public List<String> breakPool(DemoStage stage) {
      for (int i = 0; i < fresh.size(); i++) {
        stage.stack().pool().sim().addFreshHost(new FreshHostSpec("fresh-" + (i + 1), fresh.get(i), memoryBytes,
            List.of("eth0", "eth1"), "eth0"));
      }
      stage.stack().serveNewHosts();
      String where = fresh.size() <= 3 ? String.join(", ", fresh) : fresh.get(0) + " to " + fresh.get(fresh.size() - 1);
      return List.of(stage.stack().pool().inject(new Fault.LoseAllHosts()),
          fresh.size() + " fresh installs wait at " + where + " (same NIC names as the lost hosts)");
    }

    @Override
    public Object request(DemoStage stage, ApprovalPolicy approvals) {
      return new PoolRestoreRequest(backupId, fresh.get(0), fresh.subList(1, fresh.size()), Map.of(), stage.starter(),
          approvals, maxParallel);
    }

    @Override
    public String workflowId(DemoStage stage) {
      return "demo-pool-restore";
    }
  }

  /** An operator deletes a halted VM by mistake; the metadata export PoolBackup took brings it back. */
  final class VmMetadata implements DemoScenario {
    private Vm lost;
    private String backupId;

    @Override
    public Procedure procedure() {
      return Procedure.VM_METADATA_IMPORT;
    }

    @Override
    public void prepare(DemoStage stage) throws InterruptedException {
      takeBackups(stage, false, true);
      lost = stage.before().vms().stream()
          .filter(v -> !v.controlDomain() && v.powerState() == PowerState.HALTED)
          .min(Comparator.comparing(Vm::nameLabel))
          .orElseThrow(() -> CliFailure.failed("the simulated pool has no halted VM to lose"));
      BackupRecord export = newestBackup(stage, BackupArtefact.Kind.VM_METADATA, lost.uuid(),
          "metadata export of " + lost.nameLabel());
      backupId = export.id();
      stage.out().println(">>> VM metadata export " + backupId + " of " + lost.nameLabel());
    }

    @Override
    public List<String> breakPool(DemoStage stage) {
      stage.stack().pool().sim().destroyHaltedVm(lost.uuid());
      return List.of("the halted VM " + lost.nameLabel() + " (" + lost.uuid() + ") was deleted by mistake "
          + "(xe vm-destroy); its disks stay in their SR");
    }

    @Override
    public Object request(DemoStage stage, ApprovalPolicy approvals) {
      return new VmMetadataImportRequest(stage.masterAddress(), List.of(backupId), true, stage.starter(), approvals);
    }

    @Override
    public String workflowId(DemoStage stage) {
      return "demo-vm-metadata-import-" + lost.nameLabel();
    }
  }
}
