package io.poolrescue.activities.notify;

/** Where notifications go (a log, a chat hook, a pager); the worker chooses. */
public interface NotificationSink {
  void send(Notification notification);
}
