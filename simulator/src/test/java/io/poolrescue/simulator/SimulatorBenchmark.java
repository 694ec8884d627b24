package io.poolrescue.simulator;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.model.PoolSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prints how long the {@code large} preset takes to build and snapshot, and what a snapshot costs
 * once cached. Run with {@code mvn -B -o -q -pl pool test-compile exec:java
 * -Dexec.mainClass=io.poolrescue.simulator.SimulatorBenchmark -Dexec.classpathScope=test}.
 */
public final class SimulatorBenchmark {
  private static final int WARMUP = 5;
  private static final int RUNS = 11;

  private SimulatorBenchmark() {}

  public static void main(String[] args) {
    List<Double> build = new ArrayList<>();
    List<Double> firstSnapshot = new ArrayList<>();
    SimulatedPool sim = null;
    for (int i = 0; i < WARMUP + RUNS; i++) {
      long t0 = System.nanoTime();
      sim = SimulatedPool.preset("large");
      long t1 = System.nanoTime();
      PoolSnapshot s = sim.snapshot();
      long t2 = System.nanoTime();
      if (s.vms().size() < 4096) {
        throw new IllegalStateException("large preset is too small: " + s.vms().size());
      }
      if (i >= WARMUP) {
        build.add((t1 - t0) / 1e6);
        firstSnapshot.add((t2 - t1) / 1e6);
      }
    }
    List<Double> total = new ArrayList<>();
    for (int i = 0; i < build.size(); i++) {
      total.add(build.get(i) + firstSnapshot.get(i));
    }

    PoolClient viaMember = sim.connect("127.0.20.2");
    int calls = 200_000;
    for (int i = 0; i < calls; i++) {
      sim.snapshot();
    }
    long c0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      sim.snapshot();
    }
    long c1 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      viaMember.snapshot();
    }
    long c2 = System.nanoTime();

    // a change forces one rebuild: what the first request after a mutation pays
    String vdi = sim.snapshot().vdis().get(0).uuid();
    List<Double> rebuild = new ArrayList<>();
    for (int i = 0; i < WARMUP + RUNS; i++) {
      sim.vdiRemoveFromSmConfig(vdi, "paused");
      long r0 = System.nanoTime();
      sim.snapshot();
      long r1 = System.nanoTime();
      if (i >= WARMUP) {
        rebuild.add((r1 - r0) / 1e6);
      }
    }

    System.out.printf("large preset (64 hosts, 4,096 VMs), median of %d runs after %d warm-up runs:%n", RUNS, WARMUP);
    System.out.printf("  build                 %8.1f ms%n", median(build));
    System.out.printf("  first snapshot        %8.1f ms%n", median(firstSnapshot));
    System.out.printf("  build + snapshot      %8.1f ms  (target < 1000 ms)%n", median(total));
    System.out.printf("  snapshot after change %8.1f ms%n", median(rebuild));
    System.out.printf("  cached snapshot       %8.0f ns/call  (%,.0f calls/s)%n", (c1 - c0) / (double) calls,
        calls / ((c1 - c0) / 1e9));
    System.out.printf("  cached, via a member  %8.0f ns/call  (%,.0f calls/s, follows HOST_IS_SLAVE)%n",
        (c2 - c1) / (double) calls, calls / ((c2 - c1) / 1e9));
  }

  private static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
