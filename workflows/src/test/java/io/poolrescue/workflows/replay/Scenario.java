package io.poolrescue.workflows.replay;

import java.util.function.Consumer;

/**
 * One recorded run: its workflow id (also the history's file name), the pool preset it runs on,
 * what it shows, and the operators' script (inject the fault, start the run, decide its gates).
 */
public record Scenario(String name, String preset, String shows, Consumer<Recording> script) {

  /** What a script gets: the environment and the run's id. */
  public record Recording(RecordingEnv env, String workflowId) {
    public RunControl control() {
      return env.control(workflowId);
    }
  }
}
