package io.poolrescue.audit;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.worker.NonDeterministicException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the replayer threw into a verdict that names the event where today's code parts from
 * the history. The replayer reports a divergence as a query failure whose text embeds the SDK's
 * {@link NonDeterministicException} message, e.g. "... error=io.temporal.worker.NonDeterministicException:
 * [TMPRL1100] Failure handling event 11 of type 'EVENT_TYPE_TIMER_STARTED' during replay. [TMPRL1100]
 * Event 11 of type EVENT_TYPE_TIMER_STARTED does not match command type COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK.
 * {WorkflowTaskStartedEventId=..., CurrentStartedEventId=9}", so the text is what is parsed.
 */
final class DivergenceParser {

  private static final String NDE = NonDeterministicException.class.getName() + ":";
  private static final Pattern EVENT = Pattern.compile("event (\\d+) of type '?(EVENT_TYPE_[A-Z_]+)'?");
  private static final Pattern PREAMBLE =
      Pattern.compile("Failure handling event \\d+ of type '?EVENT_TYPE_[A-Z_]+'? during replay\\.?");
  private static final Pattern CODE = Pattern.compile("\\[TMPRL\\d+\\]\\s*");
  private static final Pattern CONTEXT = Pattern.compile("\\{[^{}]*\\}");
  private static final Pattern OTHER_COMMAND =
      Pattern.compile("Event \\d+ of type EVENT_TYPE_[A-Z_]+ does not match command type (COMMAND_TYPE_[A-Z_]+)\\.?");
  // "Command COMMAND_TYPE_X doesn't match event EVENT_TYPE_Y with EventId=5 on check activityType with an
  //  expected value 'name: "InspectPool" ' and an actual value 'name: "InspectHost" '": expected = today's code
  private static final Pattern OTHER_ATTRIBUTE = Pattern.compile(
      "Command (COMMAND_TYPE_[A-Z_]+) doesn't match event .*? on check (\\w+) with an expected value '(.*?)' and an "
          + "actual value '(.*?)'", Pattern.DOTALL);
  private static final Pattern STACK_LINE = Pattern.compile("\\R\\s*at [\\w$.]+\\(");

  private DivergenceParser() {}

  static ReplayVerdict verdict(Throwable thrown, WorkflowExecutionHistory history) {
    String nde = ndeMessage(thrown);
    if (nde == null) {
      return new ReplayVerdict.Failed(failureText(thrown));
    }
    Matcher m = EVENT.matcher(nde);
    String difference = explain(nde);
    if (!m.find()) {
      return new ReplayVerdict.Diverged(-1, "", "", difference);
    }
    long eventId = Long.parseLong(m.group(1));
    return new ReplayVerdict.Diverged(eventId, m.group(2), describe(history, eventId), difference);
  }

  /** The SDK's sentence without codes, preamble and internal counters; command names made readable. */
  static String explain(String nde) {
    Matcher stack = STACK_LINE.matcher(nde);
    String text = stack.find() ? nde.substring(0, stack.start()) : nde;
    Matcher attribute = OTHER_ATTRIBUTE.matcher(text);
    if (attribute.find()) {
      return "today's code issues " + commandName(attribute.group(1)) + " with " + attribute.group(2) + " "
          + value(attribute.group(3)) + " where the history has " + value(attribute.group(4));
    }
    text = PREAMBLE.matcher(text).replaceFirst("");
    text = CODE.matcher(text).replaceAll("");
    text = CONTEXT.matcher(text).replaceAll("");
    text = oneLine(text);
    Matcher other = OTHER_COMMAND.matcher(text);
    if (other.find()) {
      return "today's code issues " + commandName(other.group(1)) + " instead";
    }
    return text;
  }

  /** {@code name: "InspectPool" } -> InspectPool */
  private static String value(String raw) {
    return raw.replaceFirst("^\\s*name:\\s*", "").replace("\"", "").strip();
  }

  private static String commandName(String command) {
    StringBuilder out = new StringBuilder();
    for (String word : command.replaceFirst("^COMMAND_TYPE_", "").split("_")) {
      out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  /** Finds the NDE as a cause or, as the replayer reports it, inside a query failure's text. */
  private static String ndeMessage(Throwable thrown) {
    for (Throwable c = thrown; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof NonDeterministicException) {
        return String.valueOf(c.getMessage());
      }
      String message = c.getMessage();
      if (message != null && message.contains(NDE)) {
        return message.substring(message.indexOf(NDE) + NDE.length()).strip();
      }
    }
    return null;
  }

  private static String failureText(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int error = message.indexOf("error=");
    String text = error >= 0 ? message.substring(error + "error=".length()) : message;
    Matcher stack = STACK_LINE.matcher(text);
    return oneLine(stack.find() ? text.substring(0, stack.start()) : text);
  }

  /** What the history has at that event, in the terms a reader knows (activity name, timer, child type). */
  static String describe(WorkflowExecutionHistory history, long eventId) {
    for (HistoryEvent e : history.getEvents()) {
      if (e.getEventId() != eventId) {
        continue;
      }
      String kind = EventNames.shortName(e.getEventType());
      return switch (e.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
            kind + " " + e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
        case EVENT_TYPE_TIMER_STARTED -> kind + " "
            + com.google.protobuf.util.Durations.toString(e.getTimerStartedEventAttributes().getStartToFireTimeout());
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> kind + " "
            + e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowType().getName();
        case EVENT_TYPE_MARKER_RECORDED -> kind + " " + e.getMarkerRecordedEventAttributes().getMarkerName();
        default -> kind;
      };
    }
    return "";
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
