package io.poolrescue.workflows.replay;

import java.util.ArrayList;
import java.util.List;

/** Every recorded run of the replay regression suite, procedure by procedure. */
public final class Scenarios {
  private Scenarios() {}

  public static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>();
    all.addAll(MemberFailureScenarios.all());
    all.addAll(MasterFailureScenarios.all());
    all.addAll(PoolRestoreScenarios.all());
    all.addAll(OtherProcedureScenarios.all());
    all.addAll(FailurePathScenarios.all());
    return all;
  }
}
