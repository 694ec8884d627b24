package io.poolrescue.launcher.bench;

import io.poolrescue.worker.WorkerMain;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.List;

/**
 * The worker process of the benchmark: the production worker ({@link WorkerMain}, with the same
 * arguments) and, in the same JVM, a worker of {@link EngineCost}'s queue, so that the engine cost
 * compares round trips of one process on one server.
 */
public final class BenchWorkerMain {
  private BenchWorkerMain() {}

  public static void main(String[] args) throws Exception {
    List<String> all = List.of(args);
    int at = all.indexOf("--temporal");
    if (at < 0 || at + 1 >= all.size()) {
      throw new IllegalArgumentException("the bench worker needs --temporal HOST:PORT, as the worker does");
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(all.get(at + 1)).build());
    WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    Worker w = factory.newWorker(EngineCost.TASK_QUEUE);
    w.registerWorkflowImplementationTypes(EngineCost.RoundTripsImpl.class);
    w.registerActivitiesImplementations(new EngineCost.NoOpImpl());
    factory.start();
    // blocks until SIGTERM, as the production worker's main does
    int code = WorkerMain.commandLine().execute(args);
    factory.shutdownNow();
    System.exit(code);
  }
}
