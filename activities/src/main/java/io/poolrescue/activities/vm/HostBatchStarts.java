package io.poolrescue.activities.vm;

import io.poolrescue.activities.Heartbeats;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PoolSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's batch of a schedule: every VM's {@code VM.start_on} to the scheduled host at once (the
 * schedule hands a host no more VMs than its free start slots), without reading the pool first: XAPI
 * itself refuses a VM that is not Halted ({@code VM_BAD_POWER_STATE}) or a host that cannot take it.
 * Only the VMs the host refused for a reason of its own are placed again, from one snapshot, on the
 * other suitable hosts. A retry of the batch finds the VMs started so far running and leaves them.
 */
final class HostBatchStarts {
  private static final Logger log = LoggerFactory.getLogger(HostBatchStarts.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Starts a VM the host refused, elsewhere: the single-VM path of {@code startVms}. */
  interface Elsewhere {
    StartResult start(PoolClient c, PoolSnapshot s, Placement placement, String vmUuid);
  }

  /** What a VM refused with {@code VM_BAD_POWER_STATE} is: running already (a retry, HA) or not startable. */
  interface Settle {
    StartResult after(PoolClient c, String vmUuid, XapiException refusal);
  }

  /** One VM's first try: a result, or the refusal that sends it elsewhere, or a failure for the whole batch. */
  private record Tried(String vmUuid, StartResult result, XapiException moveOn, RuntimeException batchFailure) {}

  private final PoolClient client;
  private final HostStartBatch batch;
  private final Elsewhere elsewhere;
  private final Settle settle;

  HostBatchStarts(PoolClient client, HostStartBatch batch, Elsewhere elsewhere, Settle settle) {
    this.client = client;
    this.batch = batch;
    this.elsewhere = elsewhere;
    this.settle = settle;
  }

  List<StartResult> run() {
    List<Tried> tried = tryAllOnTheHost();
    for (Tried t : tried) {
      if (t.batchFailure() != null) {
        throw t.batchFailure(); // after every call returned: the retry sees what this attempt started
      }
    }
    List<StartResult> results = new ArrayList<>();
    PoolSnapshot snapshot = null;
    Placement placement = null;
    for (Tried t : tried) {
      if (t.moveOn() == null) {
        results.add(t.result());
        continue;
      }
      if (snapshot == null) {
        snapshot = client.snapshot();
        List<String> excluded = new ArrayList<>(batch.excludedHostUuids());
        excluded.add(batch.hostUuid());
        placement = new Placement(snapshot, excluded);
      }
      log.info("VM {} refused by {} ({}): placed again", t.vmUuid(), batch.hostUuid(), t.moveOn().code());
      results.add(elsewhere.start(client, snapshot, placement, t.vmUuid()));
      Heartbeats.beat(results.size());
    }
    return results;
  }

  private List<Tried> tryAllOnTheHost() {
    List<String> vms = batch.vmUuids();
    ExecutorService calls = Executors.newFixedThreadPool(Math.max(1, vms.size()), r -> {
      Thread t = new Thread(r, "vm-start-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Tried>> pending = new ArrayList<>();
      for (String vm : vms) {
        pending.add(calls.submit(() -> tryOnTheHost(vm)));
      }
      List<Tried> tried = new ArrayList<>();
      for (Future<Tried> f : pending) {
        tried.add(get(f));
        Heartbeats.beat(tried.size()); // from this thread: the SDK's context is the activity's
      }
      return tried;
    } finally {
      calls.shutdownNow();
    }
  }

  private Tried tryOnTheHost(String vm) {
    try {
      client.vmStartOn(vm, batch.hostUuid());
      log.info("VM {} started on {}", vm, batch.hostUuid());
      return new Tried(vm, new StartResult(vm, StartResult.Action.STARTED, batch.hostUuid(), null,
          "started on " + batch.hostUuid()), null, null);
    } catch (XapiException e) {
      if (XapiErrors.VM_BAD_POWER_STATE.equals(e.code())) {
        return new Tried(vm, settle.after(client, vm, e), null, null);
      }
      if (VmActivitiesImpl.TRY_ANOTHER_HOST.contains(e.code())) {
        return new Tried(vm, null, e, null); // before the transient check: an unreachable target is no reason to wait
      }
      if (XapiFailures.isTransient(e.code())) {
        return new Tried(vm, null, null, e);
      }
      return new Tried(vm, new StartResult(vm, StartResult.Action.FAILED, null, e.code(), e.getMessage()), null, null);
    } catch (RuntimeException e) {
      return new Tried(vm, null, null, e); // unreachable: the pool may have acted; the retry reads what it did
    }
  }

  private static Tried get(Future<Tried> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while VMs were starting", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a VM start failed unexpectedly", e.getCause());
    }
  }
}
