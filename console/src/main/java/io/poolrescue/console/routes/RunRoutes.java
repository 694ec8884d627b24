package io.poolrescue.console.routes;

import com.google.protobuf.Timestamp;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.poolrescue.activities.lock.LockNames;
import io.poolrescue.audit.AuditEngine;
import io.poolrescue.audit.ChildHistories;
import io.poolrescue.audit.HistoryLoader;
import io.poolrescue.audit.render.HtmlReport;
import io.poolrescue.cli.OpenRuns;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.cli.commands.GatesCommand;
import io.poolrescue.console.ConsoleRefusal;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.PoolView;
import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What waits and what runs: the gate queue, the runs, one run's status, its audit report once closed. */
public final class RunRoutes {
  static final String QUEUE = "/api/gates";
  static final String RUNS = "/api/runs";
  static final String CLOSED = "/api/runs/closed";
  /** How many closed runs the runs page lists, the latest first. */
  static final int CLOSED_SHOWN = 50;
  static final String RUN = "/api/runs/{workflowId}";
  static final String AUDIT = "/runs/{workflowId}/audit";

  private final TemporalSession session;

  public RunRoutes(TemporalSession session) {
    this.session = session;
  }

  /** A run as the runs page lists it; {@code closed} and {@code execution} only for a closed one. */
  public record RunLine(String workflowId, String procedure, Instant started, Instant closed, String execution) {}

  /** One run: its ids, whether Temporal still has it open, and its status query's answer. */
  public record RunView(String workflowId, String runId, String procedure, String execution, Instant started,
      Instant closed, RunStatus status) {}

  public void register(Javalin app) {
    app.get(QUEUE, ctx -> ctx.json(queue()));
    app.get(RUNS, ctx -> ctx.json(runs()));
    app.get(CLOSED, ctx -> ctx.json(closed()));
    app.get(RUN, ctx -> ctx.json(run(ctx.pathParam("workflowId"))));
    app.get(AUDIT, this::audit);
  }

  /** Every open gate of every open run (children are runs too), the oldest first. */
  public List<GatesCommand.OpenGate> queue() {
    List<GatesCommand.OpenGate> open = new ArrayList<>(GatesCommand.collect(session, new ArrayList<>()));
    open.sort(Comparator.comparing(g -> g.gate().openedAt()));
    return open;
  }

  List<RunLine> runs() {
    return OpenRuns.list(session).stream()
        .map(i -> new RunLine(i.getExecution().getWorkflowId(), i.getType().getName(), instant(i.getStartTime()), null,
            null))
        .sorted(Comparator.comparing(RunLine::started).reversed()).toList();
  }

  /**
   * The latest closed runs, for their results and audit reports, through the same older visibility
   * API as the open ones ({@code ListClosedWorkflowExecutions}), which the test server answers too.
   */
  List<RunLine> closed() {
    ListClosedWorkflowExecutionsRequest request = ListClosedWorkflowExecutionsRequest.newBuilder()
        .setNamespace(session.target().namespace())
        .setMaximumPageSize(CLOSED_SHOWN)
        .setStartTimeFilter(StartTimeFilter.newBuilder().setEarliestTime(Timestamp.newBuilder().setSeconds(0))
            .setLatestTime(Timestamp.newBuilder().setSeconds(Instant.now().plusSeconds(86_400).getEpochSecond())))
        .build();
    return session.stubs().blockingStub().listClosedWorkflowExecutions(request).getExecutionsList().stream()
        .filter(i -> !i.getType().getName().equals(LockNames.WORKFLOW_TYPE) && !i.getType().getName().equals(PoolView.class.getSimpleName()))
        .map(i -> new RunLine(i.getExecution().getWorkflowId(), i.getType().getName(), instant(i.getStartTime()),
            instant(i.getCloseTime()), i.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "")))
        .sorted(Comparator.comparing(RunLine::closed).reversed()).limit(CLOSED_SHOWN).toList();
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  public RunView run(String workflowId) {
    DescribeWorkflowExecutionResponse d;
    try {
      d = session.run(workflowId).describe().getRawDescription();
    } catch (WorkflowNotFoundException e) {
      throw new ConsoleRefusal(404, "no run with workflow id " + workflowId);
    }
    var info = d.getWorkflowExecutionInfo();
    RunStatus status = session.run(workflowId).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
    boolean open = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    return new RunView(workflowId, info.getExecution().getRunId(), info.getType().getName(),
        info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
        Instant.ofEpochSecond(info.getStartTime().getSeconds(), info.getStartTime().getNanos()),
        open ? null : Instant.ofEpochSecond(info.getCloseTime().getSeconds(), info.getCloseTime().getNanos()), status);
  }

  /** The HTML report {@code poolrescue audit --format html} writes, of the run as Temporal holds it. */
  private void audit(Context ctx) {
    String id = ctx.pathParam("workflowId");
    var history = HistoryLoader.fromCluster(session.client(), id);
    try (AuditEngine engine = new AuditEngine(PoolRescueRegistrations.WORKFLOW_TYPES, Optional.empty())) {
      ctx.contentType("text/html; charset=utf-8")
          .result(HtmlReport.render(engine.audit(history, "workflow " + id, ChildHistories.onCluster(session.client()))));
    }
  }
}
