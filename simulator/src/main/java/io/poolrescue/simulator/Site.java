package io.poolrescue.simulator;

import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PoolSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the simulated site holds, behind one lock: the machines (physical truth), the pool
 * databases they serve, the storage targets, timed events and the journal. Time only moves when a
 * caller comes in: {@link #advance()} first replays whatever the simulated world did since.
 */
final class Site {
  private static final Logger log = LoggerFactory.getLogger(Site.class);

  final Object lock = new Object();
  final SimClock clock;
  final SimTimings timings;
  final SimLatencies latencies;
  final OperationJournal journal = new OperationJournal();
  final Ids ids = new Ids(20260101L);
  final LinkedHashMap<String, Machine> machines = new LinkedHashMap<>();
  final List<PoolState> pools = new ArrayList<>();
  /** The pool this site is about; SimulatedPool-as-a-client talks to its master. */
  PoolState primary;
  final Domains domains = new Domains();
  final Map<String, StorageTarget> storage = new HashMap<>();
  private final PriorityQueue<TimedEvent> events = new PriorityQueue<>();
  private final Map<String, Semaphore> startSlots = new ConcurrentHashMap<>();
  private long eventSeq;
  private String user = "root";
  private byte[] passwordDigest = digest("poolrescue-sim");

  Site(SimClock clock, SimTimings timings, SimLatencies latencies) {
    this.clock = clock;
    this.timings = timings;
    this.latencies = latencies;
  }

  /** How long an agent restart refuses connections: its fuse, then its start-up. */
  Duration agentDowntime() {
    return timings.agentRestart().plus(latencies.agentStartup());
  }

  /** How long a boot refuses connections: the machine's boot, then the agent's start-up. */
  Duration bootDowntime() {
    return timings.hostBoot().plus(latencies.agentStartup());
  }

  /**
   * Lets an operation's latency pass for its caller, outside the lock so that other calls proceed
   * meanwhile. An interrupt ends the wait early and is kept for the caller to see.
   */
  void pause(Duration latency) {
    if (latency.isZero()) {
      return;
    }
    if (owesAnswer()) { // a join's answer comes after its latency: the address stays open that long
      synchronized (lock) {
        answerDue += latency.toNanos();
      }
    }
    try {
      clock.sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- credentials

  void credentials(String user, String password) {
    this.user = user;
    this.passwordDigest = digest(password);
  }

  /** Compares digests with MessageDigest.isEqual, so the time taken says nothing about the password. */
  boolean authenticate(String u, String password) {
    return authenticate(u, password, passwordDigest);
  }

  /** A login to this machine: root's password is its own where one was set, else the site's. */
  boolean authenticateAt(Machine m, String u, String password) {
    return authenticate(u, password, m.rootPasswordDigest == null ? passwordDigest : m.rootPasswordDigest);
  }

  private boolean authenticate(String u, String password, byte[] expected) {
    if (u == null || password == null) {
      return false;
    }
    boolean userOk = MessageDigest.isEqual(digest(u), digest(user));
    boolean passOk = MessageDigest.isEqual(digest(password), expected);
    return userOk & passOk;
  }

  /** The user every machine's root login has. */
  String user() {
    return user;
  }

  /** A login to this machine with the site's own credentials (what an in-process client uses). */
  boolean acceptsSiteCredentials(Machine m) {
    return m.rootPasswordDigest == null || MessageDigest.isEqual(m.rootPasswordDigest, passwordDigest);
  }

  /** Gives the machine its own root password (null: the site's again). */
  static void rootPassword(Machine m, String password) {
    m.rootPasswordDigest = password == null ? null : digest(password);
  }

  static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- machines

  Machine machineAtAddress(String address) {
    if (address == null) {
      return null;
    }
    for (Machine m : machines.values()) {
      if (address.equals(m.address)) {
        return m;
      }
    }
    return null;
  }

  Machine machine(String uuid) {
    return machines.get(uuid);
  }

  Machine machineOf(HostRow h) {
    return h == null ? null : machines.get(h.uuid());
  }

  MachineState stateAt(String address) {
    Machine m = machineAtAddress(address);
    return m == null ? new MachineState.Down("no machine at " + address) : m.state();
  }

  // ---- time

  void schedule(Instant at, String label, Consumer<Instant> action) {
    events.add(new TimedEvent(at, eventSeq++, label, action));
  }

  /** Run after {@link #advance()} replayed timed events, under the lock: servers watching the machines. */
  Runnable afterEvents = () -> {};
  /**
   * A call stopped an agent: the watchers hear of it once that call is answered ({@link #answered}),
   * not during it, so that a server does not close the connection the answer goes out on (xapi
   * answers a join or a promotion, then restarts). Other threads' entries meanwhile publish nothing,
   * until the caller's next entry or {@link #ANSWER_BOUND} at most after the call's latency.
   */
  private boolean republish;
  private volatile Thread stoppedBy;
  private long answerDue; // System.nanoTime() by which the answer is out at the latest
  static final Duration ANSWER_BOUND = Duration.ofSeconds(2);

  /** Under the lock: the current thread's call stopped an agent. */
  void agentStoppedByCall() {
    republish = true;
    stoppedBy = Thread.currentThread();
    answerDue = System.nanoTime() + ANSWER_BOUND.toNanos();
  }

  /** Whether this thread's call stopped an agent and its answer is not out yet. Cheap: no lock. */
  boolean owesAnswer() {
    return stoppedBy == Thread.currentThread();
  }

  /** Under the lock: the call that stopped an agent has been answered; the watchers may hear of it. */
  void answered() {
    if (stoppedBy == Thread.currentThread()) {
      stoppedBy = null;
      lock.notifyAll();
    }
  }

  /**
   * Under the lock, which it lets go meanwhile: waits until another thread's call that stopped an
   * agent has been answered (at most {@link #ANSWER_BOUND}), so that a look at the machines asked
   * for explicitly sees the stop without cutting that answer off.
   */
  void awaitAnswerOwed() {
    try {
      while (answerPending()) {
        long left = answerDue - System.nanoTime();
        lock.wait(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean answerPending() {
    Thread t = stoppedBy;
    if (t == null || t == Thread.currentThread() || System.nanoTime() - answerDue > 0) {
      stoppedBy = null;
      return false;
    }
    return true;
  }

  /** Replays timed events and replica pushes due up to now, in time order; returns now. */
  Instant advance() {
    Instant now = clock.now();
    boolean fired = false;
    while (true) {
      TimedEvent e = events.peek();
      boolean eventDue = e != null && !e.at().isAfter(now);
      PoolState pushPool = null;
      for (PoolState p : pools) {
        if (!p.nextPushAt.isAfter(now) && (pushPool == null || p.nextPushAt.isBefore(pushPool.nextPushAt))) {
          pushPool = p;
        }
      }
      if (!eventDue && pushPool == null) {
        if ((fired || republish) && !answerPending()) {
          republish = false;
          afterEvents.run();
        } else if (fired) {
          republish = true; // what fired reaches the watchers with the answer owed
        }
        return now;
      }
      if (eventDue && (pushPool == null || !e.at().isAfter(pushPool.nextPushAt))) {
        fired = true;
        events.poll();
        log.debug("simulated event at {}: {}", e.at(), e.label());
        e.action().accept(e.at());
        refreshHeartbeats(e.at());
      } else {
        periodicPush(pushPool, eventDue ? e.at() : now);
      }
    }
  }

  /** The replica pushes due up to {@code limit}: only the latest one matters, nothing changed in between. */
  private void periodicPush(PoolState p, Instant limit) {
    java.time.Duration every = timings.replicaPushInterval();
    long k = java.time.Duration.between(p.nextPushAt, limit).toNanos() / every.toNanos();
    Instant at = p.nextPushAt.plus(every.multipliedBy(k));
    p.nextPushAt = at.plus(every);
    if (p.master != null && p.master.serving() && pools.contains(p)) {
      pushReplicas(p, at);
    }
  }

  /** The master sends its database to every member that follows it and can be reached. */
  List<Machine> pushReplicas(PoolState p, Instant at) {
    Db copy;
    if (p.lastPushed != null && p.lastPushedVersion == p.version) {
      copy = p.lastPushed;
    } else {
      copy = p.db.copy();
      for (HostRow h : p.db.hosts.all()) {
        copy.liveAtCopy.put(h.ref(), Liveness.live(p, h.ref(), at, timings));
      }
      p.lastPushed = copy;
      p.lastPushedVersion = p.version;
    }
    List<Machine> got = new ArrayList<>();
    for (Machine m : machines.values()) {
      if (m.pool == p && m != p.master && m.serving() && p.master.address.equals(m.masterAddress)) {
        m.replica = copy;
        got.add(m);
      }
    }
    log.debug("database pushed to {} member(s) at {}", got.size(), at);
    return got;
  }

  /** Starts or stops each member's heartbeats to match the physical state, and arms HA checks. */
  void refreshHeartbeats(Instant at) {
    AgentRuns.retryHellos(this, at);
    for (PoolState p : pools) {
      boolean masterServes = p.master != null && p.master.serving();
      boolean ha = p.db.pool.haEnabled();
      for (Map.Entry<String, HostLiveness> e : p.liveness.entrySet()) {
        HostRow h = p.db.hosts.get(e.getKey());
        if (h == null) {
          continue;
        }
        Machine m = machines.get(h.uuid());
        HostLiveness l = e.getValue();
        boolean can = masterServes && m != null && m != p.master && m.serving() && m.pool == p
            && p.master.address.equals(m.masterAddress);
        if (can && l.hbStart == null) {
          l.hbStart = at;
        } else if (!can && l.hbStart != null) {
          l.lastHb = Liveness.lastHeartbeat(l, at, timings.heartbeatInterval());
          l.hbStart = null;
        }
        if (ha && l.haLive && !l.haCheckScheduled && (m == null || !m.reachable())) {
          l.haCheckScheduled = true;
          String ref = h.ref();
          schedule(at.plus(p.haTimeout), "HA liveset check of " + h.uuid(), t -> HaMonitor.check(this, p, ref, t));
        }
      }
    }
  }

  // ---- serving calls

  /** Follows HOST_IS_SLAVE from the address to the master, as a XAPI client would. */
  PoolState route(String address) {
    String at = address;
    for (int hop = 0; hop < 5; hop++) {
      Machine m = machineAtAddress(at);
      if (m == null) {
        throw new PoolUnreachableException(at, "nothing answers at this address", null);
      }
      MachineState s = m.state();
      if (s instanceof MachineState.Down d) {
        throw new PoolUnreachableException(at, d.reason(), null);
      }
      if (s instanceof MachineState.Unavailable u) {
        throw u.refusal();
      }
      MachineState.Up up = (MachineState.Up) s;
      if (up.master()) {
        return m.pool;
      }
      at = up.masterAddress();
    }
    throw new PoolUnreachableException(address, "HOST_IS_SLAVE redirections do not end", null);
  }

  /** A pool-wide call: runs on the master reached from the address. */
  <T> T poolCall(String address, Function<Ctx, T> op) {
    synchronized (lock) {
      Instant now = advance();
      PoolState p = route(address);
      try {
        return op.apply(new Ctx(this, p, now, p.master.address));
      } finally {
        refreshHeartbeats(now);
      }
    }
  }

  /**
   * A host-local call on the machine at the address. Refused like a local login would be: nothing
   * answers (off, cut, restarting), or (unless {@code evenIfBroken}: an emergency call) an agent in
   * emergency mode: HOST_STILL_BOOTING, HOST_BROKEN, HOST_UNKNOWN_TO_MASTER.
   */
  <T> T hostCall(String address, boolean evenIfBroken, java.util.function.BiFunction<Machine, Instant, T> op) {
    synchronized (lock) {
      Instant now = advance();
      Machine m = machineAtAddress(address);
      if (m == null) {
        throw new PoolUnreachableException(address, "nothing answers at this address", null);
      }
      MachineState s = m.state();
      if (s instanceof MachineState.Down d) {
        throw new PoolUnreachableException(address, d.reason(), null);
      }
      if (s instanceof MachineState.Unavailable u && !evenIfBroken) {
        throw u.refusal();
      }
      try {
        return op.apply(m, now);
      } finally {
        refreshHeartbeats(now);
      }
    }
  }

  /** Runs under the lock at the current simulated time (the end of a call that took time). */
  <T> T locked(Function<Instant, T> op) {
    synchronized (lock) {
      Instant now = advance();
      try {
        return op.apply(now);
      } finally {
        refreshHeartbeats(now);
      }
    }
  }

  /** The host's VM start slots: xenopsd runs that many starts at once, the rest wait their turn. */
  Semaphore startSlots(String hostUuid) {
    return startSlots.computeIfAbsent(hostUuid, h -> new Semaphore(latencies.startsPerHost(), true));
  }

  /** Runs a mutating call, journals it as done or refused, and marks the pool changed when done. */
  <T> T journaled(Ctx ctx, String call, List<String> args, Supplier<T> body) {
    return journaled(ctx.now(), ctx.via(), ctx.pool(), call, args, body);
  }

  /** A call that returns when its latency (see {@link SimLatencies#of}) is up; a refusal returns at once. */
  <T> T journaled(Instant now, String via, PoolState changed, String call, List<String> args, Supplier<T> body) {
    return journaled(now, now.plus(latencies.of(call)), via, changed, call, args, body);
  }

  /** Journals a success only when {@code recordSuccess}: a call whose success is journaled when it ends. */
  <T> T journaled(Instant now, String via, PoolState changed, String call, List<String> args, Supplier<T> body,
      boolean recordSuccess) {
    if (recordSuccess) {
      return journaled(now, via, changed, call, args, body);
    }
    try {
      return body.get();
    } catch (XapiException e) {
      journal.record(now, call, via, args, e.code());
      log.debug("{} {} on {}: refused {}", call, args, via, e.getMessage());
      throw e;
    }
  }

  /** A call that started at {@code now} and returns to its caller at {@code ended} if it succeeds. */
  <T> T journaled(Instant now, Instant ended, String via, PoolState changed, String call, List<String> args,
      Supplier<T> body) {
    try {
      T result = body.get();
      journal.record(now, ended, call, via, args, JournalEntry.OK);
      if (changed != null) {
        changed.changed();
      }
      log.debug("{} {} on {}: ok", call, args, via);
      return result;
    } catch (XapiException e) {
      journal.record(now, call, via, args, e.code());
      log.debug("{} {} on {}: refused {}", call, args, via, e.getMessage());
      throw e;
    }
  }

  void journaledVoid(Ctx ctx, String call, List<String> args, Runnable body) {
    journaled(ctx, call, args, () -> {
      body.run();
      return null;
    });
  }

  void changedAll() {
    pools.forEach(PoolState::changed);
  }

  PoolSnapshot snapshot(PoolState p, Instant now) {
    return SnapshotBuilder.snapshot(this, p, now);
  }

  /** Forwarding a call to a member: a dead or unreachable one refuses as XAPI's message forwarding does. */
  Machine forwardTo(Ctx ctx, HostRow h) {
    if (!ctx.live(h.ref())) {
      throw new XapiException(XapiErrors.HOST_OFFLINE, h.ref());
    }
    Machine m = machineOf(h);
    if (m == null || !m.reachable() || m.busy()) {
      throw new XapiException(XapiErrors.CANNOT_CONTACT_HOST, h.ref());
    }
    if (m.emergency) {
      throw new XapiException(XapiErrors.HOST_STILL_BOOTING);
    }
    if (m.broken) {
      throw new XapiException(XapiErrors.HOST_BROKEN);
    }
    return m;
  }

  /**
   * Xapi_host.is_host_alive (reference §17): a host the DB calls live is asked {@code pool.is_slave};
   * any failure (no answer, restarting, HOST_BROKEN, HOST_STILL_BOOTING) counts as dead, even while its domains
   * run. That is real XAPI's hole, and the simulator keeps it so fencing can be tested against it.
   */
  boolean isHostAlive(Ctx ctx, HostRow h) {
    if (h.ref().equals(ctx.db().pool.masterRef())) {
      return true;
    }
    if (!ctx.live(h.ref())) {
      return false;
    }
    Machine m = machineOf(h);
    return m != null && m.serving();
  }

  void addPool(PoolState p) {
    pools.add(p);
  }

  void removePool(PoolState p) {
    pools.remove(p);
  }

  static List<String> args(String... a) {
    List<String> out = new ArrayList<>();
    for (String s : a) {
      out.add(String.valueOf(s));
    }
    return out;
  }
}
