package io.poolrescue.workflows.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Every recorded run of the replay regression suite. {@link #all()} are the runs today's code records
 * ({@code RecordHistories}); older runs keep their histories, which must replay forever: those
 * recorded before fencing ({@link #beforeFencing()}: their scripts answer gates today's runs no
 * longer ask), those recorded before the worker's policy, behaviour version 2
 * ({@link #beforeAuthority()}: recording them again would replace them with version 3 runs), and
 * those recorded before readiness waits, version 3 ({@link #beforeReadiness()}), and those recorded
 * with version 4 ({@link #beforeFaults()}), version 6 ({@link #beforeSites()}), version 7
 * ({@link #beforeSchedule()}), version 8 ({@link #beforePace()}), version 11
 * ({@link #beforeBrowserSigning()}) and version 12 ({@link #beforeRollingStarts()}).
 */
public final class Scenarios {
  private Scenarios() {}

  public static List<Scenario> all() {
    return RollingScenarios.all();
  }

  /** Recorded with behaviour version 12 (browser signing); kept as they are. */
  public static List<Scenario> beforeRollingStarts() {
    return BrowserScenarios.all();
  }

  /** Recorded with behaviour version 11 (the pool's pace); kept as they are. */
  public static List<Scenario> beforeBrowserSigning() {
    return PaceScenarios.all();
  }

  /** Recorded with behaviour version 8 (scheduling per host); kept as they are. */
  public static List<Scenario> beforePace() {
    return ScheduleScenarios.all();
  }

  /** Recorded with behaviour version 7 (sites); kept as they are. */
  public static List<Scenario> beforeSchedule() {
    return SiteScenarios.all();
  }

  /** Recorded with behaviour version 6 (faults); kept as they are. */
  public static List<Scenario> beforeSites() {
    return FaultScenarios.all();
  }

  /** Recorded with behaviour version 4 (readiness waits); kept as they are. */
  public static List<Scenario> beforeFaults() {
    return ReadinessScenarios.all();
  }

  /** Recorded with behaviour version 3 (the worker's policy, signatures, scope, pool lock); kept as they are. */
  public static List<Scenario> beforeReadiness() {
    return AuthorityScenarios.all();
  }

  /** Recorded with behaviour version 2 (fencing, names); kept as they are. */
  public static List<Scenario> beforeAuthority() {
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
