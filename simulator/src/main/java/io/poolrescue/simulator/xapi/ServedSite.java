package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.simulator.MachineState;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.VmPowerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated site as the server uses it: what answers at an address, an in-process client bound
 * to each address (so every operation carries the simulator's own semantics for that host), and
 * the XAPI object view of the pool an address belongs to, kept while the pool is unchanged.
 */
final class ServedSite {
  private final SimulatedPool sim;
  private final RecordEncoder encoder;
  private final Map<String, PoolClient> clients = new ConcurrentHashMap<>();
  /** Per address, the view of the latest snapshot its calls saw (a view holds its snapshot, so no weak keys). */
  private final Map<String, ObjectView> views = new ConcurrentHashMap<>();

  ServedSite(SimulatedPool sim, RecordEncoder encoder) {
    this.sim = sim;
    this.encoder = encoder;
  }

  List<String> addresses() {
    return sim.addresses();
  }

  MachineState machineAt(String address) {
    return sim.machineAt(address);
  }

  /** The run of the agent at that address (see {@link SimulatedPool#agentRun}). */
  long agentRun(String address) {
    return sim.agentRun(address);
  }

  /**
   * Whether what the agent at that address created in run {@code run} still exists. A task also
   * stays readable during the restart that ends its run: xapi completes a handler's task before the
   * restart it triggers (a database restore, a promotion) and the client reads it in the meantime.
   */
  boolean runGoesOn(String address, long run, boolean duringItsRestart) {
    long now = sim.agentRun(address);
    if (now == run) {
      return true;
    }
    return duringItsRestart && now == run + 1 && sim.machineAt(address) instanceof MachineState.Unavailable u
        && XapiErrors.HOST_STILL_BOOTING.equals(u.errorCode());
  }

  boolean authenticate(String address, String user, String password) {
    return sim.authenticate(address, user, password);
  }

  /** pool.join called on the host at {@code address}; the simulator checks the master's credentials. */
  void poolJoin(String address, String masterAddress, String user, String password) {
    sim.poolJoinAt(address, masterAddress, user, password);
  }

  Instant now() {
    return sim.clock().now();
  }

  /** Lets {@code d} pass on the pool's clock for the calling thread (a slow answer). */
  void pause(Duration d) {
    try {
      sim.clock().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** This thread's call has been answered (see {@link SimulatedPool#callAnswered}). */
  void answered() {
    sim.callAnswered();
  }

  /** An injected fault: the agent at that address restarts now. */
  void restartAgentAt(String address) {
    sim.restartAgentAt(address);
  }

  /** The VM power and host enable/disable calls, run at the master reached from that address. */
  VmPowerClient power(String address) {
    return sim.power(address);
  }

  /** The simulator's in-process client for that address (pool calls follow to its master). */
  PoolClient clientAt(String address) {
    return clients.computeIfAbsent(address, sim::connect);
  }

  /** A VM's or host's ref by uuid at the master reached from the address, or null (see {@link SimulatedPool#refByUuid}). */
  String refByUuid(String address, String cls, String uuid) {
    return sim.refByUuid(address, cls, uuid);
  }

  /** The objects of the pool the host at that address belongs to, as its master sees them. */
  ObjectView view(String address) {
    PoolSnapshot snapshot = clientAt(address).snapshot();
    ObjectView view = views.get(address);
    if (view == null || view.snapshot() != snapshot) { // the pool caches its snapshot until it changes
      view = new ObjectView(snapshot, encoder);
      views.put(address, view);
    }
    return view;
  }

  static String hostUuid(MachineState state) {
    if (state instanceof MachineState.Up up) {
      return up.hostUuid();
    }
    if (state instanceof MachineState.Unavailable u) {
      return u.hostUuid();
    }
    return null;
  }
}
