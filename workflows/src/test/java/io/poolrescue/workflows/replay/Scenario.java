package io.poolrescue.workflows.replay;

import io.poolrescue.workflows.api.RunResult;
import java.util.function.Consumer;

/**
 * One recorded run: its workflow id (also the history's file name), the pool it runs on,
 * what it shows, how it must end (a recording that went another way is refused, not kept), and the
 * operators' script (inject the fault, start the run, decide its gates).
 */
public record Scenario(
    String name, PoolSource pool, String shows, RunResult.Outcome expected, Consumer<Recording> script,
    Signatures signatures) {

  /** How the recorded run's starts and decisions are signed, and what the worker's policy accepts. */
  public enum Signatures {
    /** The worker's built-in policy: unsigned starts and decisions. */
    NONE,
    /** Signed starts and decisions only, by SSH keys (the CLI's). */
    SSH,
    /** Signed starts and decisions only, by WebAuthn assertions (the console's). */
    BROWSER
  }

  /** A run under the worker's built-in policy (unsigned starts and decisions). */
  public Scenario(String name, PoolSource pool, String shows, RunResult.Outcome expected,
      Consumer<Recording> script) {
    this(name, pool, shows, expected, script, Signatures.NONE);
  }

  /** The same run under a worker policy that accepts signed starts and decisions only. */
  public Scenario underSignatures() {
    return new Scenario(name, pool, shows, expected, script, Signatures.SSH);
  }

  /** The same run, its starts and decisions signed in a browser (WebAuthn) under such a policy. */
  public Scenario underBrowserSignatures() {
    return new Scenario(name, pool, shows, expected, script, Signatures.BROWSER);
  }

  /** The same script recorded under another name (with today's code, beside the older recording). */
  public Scenario named(String other) {
    return new Scenario(other, pool, shows, expected, script, signatures);
  }

  /** What a script gets: the environment, the run's id, and a note of what people did by hand. */
  public record Recording(RecordingEnv env, String workflowId, java.util.Set<Long> byHand) {
    public RunControl control() {
      return env.control(workflowId);
    }

    /** Something an operator does to the pool outside the run; its journal entries are marked as such. */
    public void byHand(Runnable action) {
      long before = lastSeq();
      action.run();
      env.sim.journal().entries().stream().filter(e -> e.seq() > before).forEach(e -> byHand.add(e.seq()));
    }

    private long lastSeq() {
      var all = env.sim.journal().entries();
      return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }
  }
}
