package io.poolrescue.audit;

import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@code status} that today's code reconstructs while it replays a history: the exact
 * steps, gates, decisions and operations the procedure itself records, rebuilt from the events.
 *
 * <p>The replayer's own end-of-replay query ({@code __replay_only}) is answered inside the SDK
 * before any interceptor sees it, so the status is read from within the workflow instead: a
 * watcher thread re-reads it each time the workflow's threads have run (its wait condition is
 * evaluated on every pass and never becomes true), and it is read once more when the workflow
 * method returns or throws. The watcher issues no command, so replay is unaffected.
 */
public final class StatusCapture extends WorkerInterceptorBase {

  private static final String STATUS_QUERY = RecoveryRun.STATUS_QUERY;

  private final Map<String, RunStatus> byRunId = new ConcurrentHashMap<>();

  /** The last status seen for the run, if its workflow answered the status query. */
  public Optional<RunStatus> take(String runId) {
    return Optional.ofNullable(byRunId.remove(runId));
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        String runId = Workflow.getInfo().getRunId();
        Async.procedure(() -> Workflow.await(() -> {
          read(next, runId);
          return false;
        }));
        try {
          return super.execute(input);
        } finally {
          read(next, runId);
        }
      }
    };
  }

  private void read(WorkflowInboundCallsInterceptor next, String runId) {
    try {
      Object status = next.handleQuery(new WorkflowInboundCallsInterceptor.QueryInput(STATUS_QUERY, Header.empty(), new Object[0])).getResult();
      if (status instanceof RunStatus s) {
        byRunId.put(runId, s);
      }
    } catch (RuntimeException notYetAnswerable) {
      // e.g. asked before the procedure built its recorder: keep the previous reading
    }
  }
}
