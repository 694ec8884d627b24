package io.poolrescue.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The SDK's divergence messages, as 1.38.0 words them, turned into one readable sentence. */
class DivergenceParserTest {

  @Test
  void anotherKindOfCommand() {
    assertEquals("today's code issues ScheduleActivityTask instead", DivergenceParser.explain(
        "[TMPRL1100] Failure handling event 11 of type 'EVENT_TYPE_TIMER_STARTED' during replay. [TMPRL1100] Event 11"
            + " of type EVENT_TYPE_TIMER_STARTED does not match command type COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK."
            + " {WorkflowTaskStartedEventId=9223372036854775807, CurrentStartedEventId=9}"));
  }

  @Test
  void anotherActivityWithTheSdkStackTraceCutOff() {
    assertEquals("today's code issues ScheduleActivityTask with activityType InspectPool where the history has"
        + " InspectHost", DivergenceParser.explain(
        "[TMPRL1100] Failure handling event 5 of type 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED' during replay."
            + " Command COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK doesn't match event EVENT_TYPE_ACTIVITY_TASK_SCHEDULED with"
            + " EventId=5 on check activityType with an expected value 'name: \"InspectPool\"\n' and an actual value"
            + " 'name: \"InspectHost\"\n'.\n\tat io.temporal.internal.statemachines.WorkflowStateMachines.assertMatch("
            + "WorkflowStateMachines.java:1512)\n\tat io.temporal.internal.statemachines.WorkflowStateMachines"
            + ".validateCommand(WorkflowStateMachines.java:1406)"));
  }

  @Test
  void anyOtherSentenceIsKeptWithoutCodesAndCounters() {
    assertEquals("No command scheduled that corresponds to event 8", DivergenceParser.explain(
        "[TMPRL1100] No command scheduled that corresponds to event 8 {WorkflowTaskStartedEventId=12}"));
  }
}
