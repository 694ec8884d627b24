package io.poolrescue.workflows.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Every recorded run of the replay regression suite. {@link #all()} are the runs today's code records
 * ({@code RecordHistories}); the runs recorded before fencing keep their histories, which must replay
 * forever, but their scripts answer gates today's runs no longer ask (confirm-host-off), so they are
 * not recorded again: {@link #beforeFencing()}.
 */
public final class Scenarios {
  private Scenarios() {}

  public static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>();
    all.addAll(FencingScenarios.all());
    all.addAll(FailurePathScenarios.all());
    return all;
  }

  /** Recorded with the code before fencing (version {@code Versions.ORIGINAL}); kept as they are. */
  public static List<Scenario> beforeFencing() {
    List<Scenario> all = new ArrayList<>();
    all.addAll(MemberFailureScenarios.all());
    all.addAll(MasterFailureScenarios.all());
    all.addAll(PoolRestoreScenarios.all());
    all.addAll(OtherProcedureScenarios.all());
    all.addAll(FailurePathScenarios.beforeFencing());
    return all;
  }
}
