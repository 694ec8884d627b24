package io.poolrescue.workflows.sites;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.observe.ActivityObserver;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.fence.DefaultFenceAgents;
import io.poolrescue.pool.fence.HostFencing;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.xapi.InventoryConnector;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.TaskQueues;
import io.poolrescue.workflows.testing.RecordingNotificationSink;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A worker process of one site, as production builds it: the whole inventory for the scope check, a
 * connector and BMCs for the pools it serves only (its site's, and those naming it as their standby) ({@link InventoryConnector}), polling the shared
 * queue and its site's queue ({@link PoolRescueRegistrations#register(WorkerFactory, String,
 * WorkerOptions, ActivityDependencies)}). It records every activity it executed and every address
 * its connector was asked for.
 */
final class SiteWorker implements AutoCloseable {
  /** One activity this worker executed: its type, the queue it came from, its arguments as text. */
  record Executed(String type, String taskQueue, String args) {}

  final String name;
  final List<Executed> executed = new CopyOnWriteArrayList<>();
  final List<String> connected = new CopyOnWriteArrayList<>();
  private final WorkerFactory factory;

  /** With the worker's built-in approval policy. */
  SiteWorker(String name, String site, Inventory all, WorkflowServiceStubs service, String namespace, int xapiPort,
      Duration siteWorkerWait, Path dir) {
    this(name, site, all, service, namespace, xapiPort, siteWorkerWait, dir, () -> PolicyFile.builtIn(false));
  }

  SiteWorker(String name, String site, Inventory all, WorkflowServiceStubs service, String namespace, int xapiPort,
      Duration siteWorkerWait, Path dir, Supplier<PolicyFile> policy) {
    this.name = name;
    Inventory mine = all.atSite(site);
    InventoryConnector pools = new InventoryConnector(mine, () -> XapiClientConfig.builder()
        .scheme("http").port(xapiPort)
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(30)).taskTimeout(Duration.ofSeconds(30)));
    PoolConnector recording = address -> {
      connected.add(address);
      return pools.connect(address);
    };
    WorkflowClient client = WorkflowClient.newInstance(service,
        WorkflowClientOptions.newBuilder().setNamespace(namespace).setIdentity(name).build());
    factory = WorkerFactory.newInstance(client, PoolRescueRegistrations.factoryOptions(
        new ActivityObserver((info, args, failure) -> executed.add(
            new Executed(info.getActivityType(), info.getActivityTaskQueue(), Arrays.deepToString(args))))));
    ActivityDependencies deps = new ActivityDependencies(recording, store(dir), new RecordingNotificationSink(),
        new HostFencing(mine, new DefaultFenceAgents(), Clock.systemUTC(), Duration.ofSeconds(6)), false, all, null,
        policy)
        .withClient(client).withLockCheckInterval(Duration.ofSeconds(2)).withSiteWorkerWait(siteWorkerWait);
    // the test server has no sticky-queue timeout: without stickiness any worker takes over any run
    PoolRescueRegistrations.register(factory, site,
        WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build(), deps);
    factory.start();
  }

  private static DirectoryBackupStore store(Path dir) {
    try {
      return DirectoryBackupStore.withoutEncryption(Files.createDirectories(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The activities that came from a queue other than the shared one. */
  List<Executed> siteBound() {
    return executed.stream().filter(e -> !e.taskQueue().equals(TaskQueues.POOL_RECOVERY)).toList();
  }

  /** Stops polling; running activities may finish. */
  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(20, TimeUnit.SECONDS);
  }
}
