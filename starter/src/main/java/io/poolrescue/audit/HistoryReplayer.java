package io.poolrescue.audit;

import io.poolrescue.workflows.api.RunStatus;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replays histories against a given set of workflow implementations (today's code, or a test
 * variant) in an in-process Temporal test environment, with the run's data converter so that
 * encrypted histories open, and reads back the status today's code rebuilds.
 *
 * <p>One instance replays any number of histories; starting the environment is the costly part.
 */
public final class HistoryReplayer implements AutoCloseable {

  static final String REPLAY_QUEUE = "poolrescue-audit-replay";

  private final TestWorkflowEnvironment env;
  private final Worker worker;
  private final StatusCapture capture = new StatusCapture();
  private final Set<String> knownTypes;

  public HistoryReplayer(List<Class<?>> workflowImplementations, DataConverter converter) {
    this.knownTypes = typesOf(workflowImplementations);
    this.env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(capture).build())
                .build());
    this.worker = env.newWorker(REPLAY_QUEUE);
    worker.registerWorkflowImplementationTypes(workflowImplementations.toArray(Class<?>[]::new));
  }

  /** The result of one replay: the verdict, and the status today's code rebuilt (up to a divergence). */
  public record Replay(ReplayVerdict verdict, Optional<RunStatus> status) {}

  /** Workflow types this replayer can run, e.g. {@code MemberFailureRecovery}. */
  public Set<String> knownTypes() {
    return knownTypes;
  }

  public Replay replay(WorkflowExecutionHistory history) {
    String runId = history.getWorkflowExecution().getRunId();
    ReplayVerdict verdict;
    try {
      WorkflowReplayer.replayWorkflowExecution(history, worker);
      verdict = new ReplayVerdict.Clean();
    } catch (Exception e) {
      verdict = DivergenceParser.verdict(e, history);
    }
    return new Replay(verdict, capture.take(runId));
  }

  /** The worker histories are replayed on, for {@code WorkflowReplayer.replayWorkflowExecutions}. */
  public Worker worker() {
    return worker;
  }

  @Override
  public void close() {
    env.close();
  }

  private static Set<String> typesOf(List<Class<?>> implementations) {
    Set<String> types = new TreeSet<>();
    for (Class<?> impl : implementations) {
      for (POJOWorkflowMethodMetadata m : POJOWorkflowImplMetadata.newInstance(impl).getWorkflowMethods()) {
        types.add(m.getName());
      }
    }
    return types;
  }
}
