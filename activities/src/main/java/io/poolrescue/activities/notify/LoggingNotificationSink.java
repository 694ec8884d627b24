package io.poolrescue.activities.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default sink: one log line per notification, on its own logger so it can be routed. */
public final class LoggingNotificationSink implements NotificationSink {
  private static final Logger log = LoggerFactory.getLogger("poolrescue.notifications");

  @Override
  public void send(Notification n) {
    log.warn("[{}] {} {}: {}", n.workflowId(), n.kind(), n.gateId() == null ? "" : n.gateId(), n.text());
  }
}
