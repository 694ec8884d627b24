package io.poolrescue.audit.render;

import io.poolrescue.audit.ReplayVerdict;

/** The verdict in one sentence, shared by the text and HTML reports. */
public final class VerdictText {
  private VerdictText() {}

  public static String of(ReplayVerdict verdict, int eventCount) {
    if (verdict instanceof ReplayVerdict.Diverged d) {
      return d.eventId() < 0
          ? "DIVERGES from today's code: " + d.difference()
          : "DIVERGES at event " + d.eventId() + " (history: " + d.recorded() + "): " + d.difference();
    }
    if (verdict instanceof ReplayVerdict.Failed f) {
      return "replay FAILED: " + f.reason();
    }
    return "replays cleanly with today's code (" + eventCount + " events)";
  }
}
