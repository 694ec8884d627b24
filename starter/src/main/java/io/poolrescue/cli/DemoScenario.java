package io.poolrescue.cli;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.worker.admin.DevPool;
import io.poolrescue.worker.admin.Fault;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.api.MemberFailureRequest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** What {@code poolrescue demo PROCEDURE} breaks in the simulated pool and which run it starts to repair it. */
public sealed interface DemoScenario {

  Procedure procedure();

  /** The fault to inject, chosen from the pool as it is before anything breaks. */
  Fault fault(PoolSnapshot before);

  /** The run's request, once the fault is in. */
  Object request(PoolSnapshot before, String startedBy, ApprovalPolicy approvals);

  /** The workflow id for this demo run. */
  String workflowId(PoolSnapshot before);

  static DemoScenario of(Procedure p) {
    return switch (p) {
      case MEMBER_FAILURE -> new MemberFailure();
      case MASTER_FAILURE -> new MasterFailure();
      default -> throw CliFailure.badInput("the demo covers member-failure and master-failure; "
          + p.cliName() + " runs on the dev stack with 'poolrescue dev' + 'poolrescue start " + p.cliName() + "'");
    };
  }

  /** A member with running VMs loses power; the run forgets it and restarts its VMs elsewhere. */
  record MemberFailure() implements DemoScenario {
    @Override
    public Procedure procedure() {
      return Procedure.MEMBER_FAILURE;
    }

    static Host victim(PoolSnapshot s) {
      String master = s.pool().masterRef();
      return s.hosts().stream()
          .filter(h -> !h.ref().equals(master))
          .max(Comparator.comparingInt((Host h) -> s.residentVms(h.ref()).size()).thenComparing(Host::nameLabel,
              Comparator.reverseOrder()))
          .orElseThrow(() -> CliFailure.failed("the simulated pool has no member to fail"));
    }

    @Override
    public Fault fault(PoolSnapshot before) {
      return new Fault.FailHost(victim(before).uuid());
    }

    @Override
    public Object request(PoolSnapshot before, String startedBy, ApprovalPolicy approvals) {
      String master = before.master().map(Host::address).orElseThrow();
      return new MemberFailureRequest(master, victim(before).uuid(), MemberFailureRequest.Mode.FORGET, startedBy,
          approvals, 4);
    }

    @Override
    public String workflowId(PoolSnapshot before) {
      return "demo-member-failure-" + victim(before).nameLabel();
    }
  }

  /** The master loses power; the run promotes a member, recovers the others, then forgets the old master. */
  record MasterFailure() implements DemoScenario {
    @Override
    public Procedure procedure() {
      return Procedure.MASTER_FAILURE;
    }

    @Override
    public Fault fault(PoolSnapshot before) {
      return new Fault.FailMaster();
    }

    @Override
    public Object request(PoolSnapshot before, String startedBy, ApprovalPolicy approvals) {
      Host master = before.master().orElseThrow();
      List<String> members = before.hosts().stream().filter(h -> !h.uuid().equals(master.uuid())).map(Host::address).toList();
      return new MasterFailureRequest(master.address(), members, null, Duration.ofSeconds(10), null, startedBy,
          approvals, 4);
    }

    @Override
    public String workflowId(PoolSnapshot before) {
      return "demo-master-failure-" + before.master().map(Host::nameLabel).orElse("master");
    }
  }

  /** Convenience for the demo: the pool before the fault, through the dev stack. */
  static PoolSnapshot before(DevPool pool) {
    return pool.snapshot().orElseThrow(() -> CliFailure.failed("the simulated pool's master does not answer"));
  }
}
