package io.poolrescue.launcher;

import io.poolrescue.client.admin.DevStackInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Two worker processes against one dev stack, as a production fleet keeps more than one: one of them
 * is killed with SIGKILL at a time and a fresh one started in its place, so that the survivor (or
 * the fresh one) takes the work over once Temporal notices the loss.
 */
final class WorkerFleet implements AutoCloseable {
  static final int SIZE = 2;

  private final DevStackInfo info;
  private final String prefix;
  private final List<JavaProcess> alive = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private int started;

  WorkerFleet(DevStackInfo info, String prefix) throws Exception {
    this.info = info;
    this.prefix = prefix;
    for (int i = 0; i < SIZE; i++) {
      startOne();
    }
  }

  /** The identity of one live worker, picked by {@code random}. */
  String nameOf(Random random) {
    return names.get(random.nextInt(names.size()));
  }

  /** SIGKILLs the worker of that identity. Start its successor with {@link #replace}. */
  void kill(String name) throws InterruptedException {
    int i = names.indexOf(name);
    names.remove(i);
    alive.remove(i).kill();
  }

  /** Starts a fresh worker (a new JVM, as a supervisor restarts a dead one). */
  void replace() throws Exception {
    startOne();
  }

  private void startOne() throws Exception {
    String name = prefix + "-worker-" + (++started);
    alive.add(DevStackProcess.startWorker(info, name));
    names.add(name);
  }

  @Override
  public void close() {
    alive.forEach(JavaProcess::close);
    alive.clear();
  }
}
