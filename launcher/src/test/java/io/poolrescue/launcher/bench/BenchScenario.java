package io.poolrescue.launcher.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poolrescue.cli.Procedure;
import io.poolrescue.launcher.demo.DemoScenario;
import io.poolrescue.launcher.demo.DemoStage;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.PoolSpec;
import io.poolrescue.simulator.SimLatencies;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark scenario: the pool it runs on, how it breaks (as the demo breaks it), the run's
 * request (no cap on VM starts in flight: the hosts' start slots schedule them) and the host whose
 * VMs the run restarts, from which the bound is computed before the run.
 */
sealed interface BenchScenario {
  String name();

  /** A preset name, or a spec file written into {@code dir}. */
  String pool(Path dir) throws IOException;

  Procedure procedure();

  /** The run's request; {@code demo} is the scenario that prepared and broke the pool. */
  Object request(DemoStage stage, DemoScenario demo);

  /** The hosts that fail: their running VMs are started elsewhere after the run's last approval. */
  List<Host> failed(PoolSnapshot before);

  default DemoScenario demo() {
    return DemoScenario.of(procedure());
  }

  /** After the last approval (host.destroy's gate) the pool destroys the host, then starts its VMs on the others. */
  default StartBound bound(PoolSnapshot before, SimLatencies latencies) {
    return StartBound.of(latencies.hostDestroy(), toStart(before), before.hosts().size() - 1, latencies.startsPerHost(),
        latencies.vmStart());
  }

  /** Their running VMs whose disks all live on shared SRs: one with a disk on a lost host's own SR cannot start. */
  default List<Vm> toStart(PoolSnapshot before) {
    return failed(before).stream().flatMap(h -> before.residentVms(h.ref()).stream())
        .filter(v -> !v.controlDomain() && v.powerState() == PowerState.RUNNING)
        .filter(v -> v.vbdRefs().stream().allMatch(vbd -> onSharedSr(before, vbd)))
        .toList();
  }

  private static boolean onSharedSr(PoolSnapshot s, String vbdRef) {
    return s.vbd(vbdRef).flatMap(b -> s.vdi(b.vdiRef())).flatMap(d -> s.sr(d.srRef())).map(Sr::shared)
        .orElse(true); // an empty drive needs no SR
  }

  static List<BenchScenario> all() {
    return List.of(new MemberOf200(), new MasterOfLarge(), new RestoreOfLarge());
  }

  /** One member holding 200 VMs, in a pool of 8 hosts. */
  record MemberOf200() implements BenchScenario {
    private static final int HOSTS = 8;
    private static final int ON_FAILED = 200;
    private static final int ON_OTHERS = 10;

    @Override
    public String name() {
      return "member-failure";
    }

    @Override
    public Procedure procedure() {
      return Procedure.MEMBER_FAILURE;
    }

    @Override
    public String pool(Path dir) throws IOException {
      List<PoolSpec.HostSpec> hosts = new ArrayList<>();
      List<PoolSpec.VmSpec> vms = new ArrayList<>();
      String[] priorities = {"restart", "best-effort", ""};
      for (int h = 1; h <= HOSTS; h++) {
        String host = "host-" + h;
        hosts.add(new PoolSpec.HostSpec(host, null, "127.0.50." + h, 524288, List.of("eth0"), "eth0", h == 1));
        int count = h == 2 ? ON_FAILED : ON_OTHERS;
        for (int i = 0; i < count; i++) {
          vms.add(new PoolSpec.VmSpec(String.format("vm-%d-%03d", h, i + 1), null, 2048, "Running", host,
              priorities[i % priorities.length], 0L, 1L, List.of(new PoolSpec.DiskSpec("nfs-shared", null, null, "RW"))));
        }
      }
      PoolSpec spec = new PoolSpec("bench-member", null, hosts,
          List.of(new PoolSpec.SrSpec("nfs-shared", null, "nfs", true, null, null)), vms, "nfs-shared", false);
      Path file = dir.resolve("bench-member.json");
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL).writerWithDefaultPrettyPrinter()
          .writeValue(file.toFile(), spec);
      return file.toString();
    }

    /** The host the demo fails: the member with the most VMs. */
    @Override
    public List<Host> failed(PoolSnapshot s) {
      return List.of(DemoScenario.MemberFailure.victim(s));
    }

    @Override
    public Object request(DemoStage stage, DemoScenario demo) {
      return new MemberFailureRequest(stage.masterAddress(), failed(stage.before()).get(0).uuid(),
          MemberFailureRequest.Mode.FORGET, stage.starter(), ApprovalPolicy.defaults(), 0);
    }
  }

  /** The master of the {@code large} preset (64 hosts, 4,096 VMs) with its 64 VMs. */
  record MasterOfLarge() implements BenchScenario {
    @Override
    public String name() {
      return "master-failure";
    }

    @Override
    public Procedure procedure() {
      return Procedure.MASTER_FAILURE;
    }

    @Override
    public String pool(Path dir) {
      return "large";
    }

    @Override
    public List<Host> failed(PoolSnapshot s) {
      return List.of(s.master().orElseThrow());
    }

    @Override
    public Object request(DemoStage stage, DemoScenario demo) {
      Host master = failed(stage.before()).get(0);
      List<String> members = stage.before().hosts().stream()
          .filter(h -> !h.uuid().equals(master.uuid())).map(Host::address).toList();
      return new MasterFailureRequest(master.address(), members, null, Duration.ofSeconds(10), null, stage.starter(),
          ApprovalPolicy.defaults(), 0);
    }
  }

  /**
   * Every host of the {@code large} preset lost, its pool database backup restored onto 64 fresh
   * installs of the same memory. After the last approval ({@code confirm-restored-pool}) the run
   * joins the 63 others, which the pool takes one at a time, then starts every VM that ran.
   */
  record RestoreOfLarge() implements BenchScenario {
    private static final long HOST_MEMORY = 256L << 30;

    @Override
    public String name() {
      return "pool-restore";
    }

    @Override
    public Procedure procedure() {
      return Procedure.POOL_RESTORE;
    }

    @Override
    public String pool(Path dir) {
      return "large";
    }

    @Override
    public DemoScenario demo() {
      return new DemoScenario.WholePool(64, HOST_MEMORY, 0);
    }

    @Override
    public List<Host> failed(PoolSnapshot s) {
      return s.hosts();
    }

    @Override
    public Object request(DemoStage stage, DemoScenario demo) {
      return demo.request(stage, ApprovalPolicy.defaults());
    }

    /**
     * The joins one after another (each pool.join holds until the joiner restarts its agent), then
     * the last joiner's agent start-up and the plugs of its shared SRs' PBDs (one after another)
     * before it is enabled, then the starts on all 64 hosts.
     */
    @Override
    public StartBound bound(PoolSnapshot before, SimLatencies latencies) {
      int hosts = before.hosts().size();
      int pbds = (int) before.srs().stream().filter(Sr::shared).count(); // at least those: a lower bound
      Duration serial = latencies.poolJoin().multipliedBy(hosts - 1).plus(latencies.agentStartup())
          .plus(latencies.pbdPlug().multipliedBy(pbds));
      return StartBound.of(serial, toStart(before), hosts, latencies.startsPerHost(), latencies.vmStart());
    }
  }
}
