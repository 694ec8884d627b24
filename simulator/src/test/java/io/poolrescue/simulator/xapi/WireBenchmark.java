package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.XapiClient;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import io.poolrescue.simulator.SimulatedPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * JSON-RPC throughput through {@link XapiClient} to {@link XapiServer} on loopback, on the
 * {@code large} preset (64 hosts, 4,096 VMs) unless another preset is named as the first argument.
 * Prints figures; asserts nothing (not a test).
 *
 * <pre>mvn -B -o -q -pl pool test-compile exec:java -Dexec.mainClass=io.poolrescue.pool.xapi.WireBenchmark -Dexec.classpathScope=test</pre>
 */
public final class WireBenchmark {
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final Duration MEASURE = Duration.ofSeconds(4);

  public static void main(String[] args) throws Exception {
    String preset = args.length > 0 ? args[0] : "large";
    long t0 = System.nanoTime();
    SimulatedPool sim = SimulatedPool.preset(preset);
    long built = System.nanoTime();
    PoolSnapshot local = sim.snapshot();
    long snapped = System.nanoTime();
    print(preset + " preset built", ms(built - t0), "ms");
    print("in-process snapshot", ms(snapped - built), "ms");

    Path password = Files.createTempFile("poolrescue-bench", ".pw");
    Files.writeString(password, "poolrescue-sim"); // the presets' documented demo password
    try (XapiServer server = XapiServer.start(sim, XapiServerOptions.defaults().withThreads(8))) {
      XapiConnector connector = new XapiConnector(XapiClientConfig.builder().scheme("http").port(server.port())
          .user("root").credentials(new CredentialSource.FromFile(password)).build());
      try (XapiClient client = connector.connect(sim.masterAddress())) {
        long s0 = System.nanoTime();
        PoolSnapshot wire = client.snapshot();
        print("wire snapshot (cold, " + wire.vms().size() + " VMs)", ms(System.nanoTime() - s0), "ms");
        s0 = System.nanoTime();
        client.snapshot();
        print("wire snapshot (warm)", ms(System.nanoTime() - s0), "ms");
      }
      List<String> vmRefs = local.vms().stream().map(Vm::ref).toList();
      List<String> hostRefs = local.hosts().stream().map(h -> h.ref()).toList();
      callsPerSecond(connector, sim.masterAddress(), 4, "VM.get_power_state", vmRefs); // JIT warm-up, not shown
      for (int threads : new int[] {1, 4, 8}) {
        double vm = callsPerSecond(connector, sim.masterAddress(), threads, "VM.get_power_state", vmRefs);
        print("VM.get_power_state, " + threads + " client thread(s)", String.format(Locale.ROOT, "%.0f", vm),
            "calls/s");
      }
      double host = callsPerSecond(connector, sim.masterAddress(), 4, "host.get_record", hostRefs);
      print("host.get_record, 4 client threads", String.format(Locale.ROOT, "%.0f", host), "calls/s");
    } finally {
      Files.deleteIfExists(password);
    }
  }

  /** Each thread has its own client (own session) and cycles through the refs. */
  private static double callsPerSecond(XapiConnector connector, String address, int threads, String method,
      List<String> refs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicBoolean counting = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    LongAdder calls = new LongAdder();
    try {
      Future<?>[] running = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        int offset = t * 997;
        running[t] = pool.submit(() -> {
          try (XapiClient client = connector.connect(address)) {
            for (int i = offset; !stop.get(); i++) {
              client.call(method, refs.get(i % refs.size()));
              if (counting.get()) {
                calls.increment();
              }
            }
          }
          return null;
        });
      }
      Thread.sleep(WARM_UP.toMillis());
      counting.set(true);
      long start = System.nanoTime();
      Thread.sleep(MEASURE.toMillis());
      counting.set(false);
      long elapsed = System.nanoTime() - start;
      stop.set(true);
      for (Future<?> f : running) {
        f.get(); // surfaces any failure of a worker
      }
      return calls.sum() / (elapsed / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }

  private static void print(String what, String value, String unit) {
    System.out.printf(Locale.ROOT, "%-45s %10s %s%n", what, value, unit);
  }
}
