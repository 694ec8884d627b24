package io.poolrescue.workflows.testing;

import io.poolrescue.activities.notify.Notification;
import io.poolrescue.activities.notify.NotificationSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every notification so tests can check reminders and expiries reached people. */
public final class RecordingNotificationSink implements NotificationSink {
  private final List<Notification> sent = new CopyOnWriteArrayList<>();

  @Override
  public void send(Notification notification) {
    sent.add(notification);
  }

  public List<Notification> sent() {
    return List.copyOf(sent);
  }

  public List<Notification> of(Notification.Kind kind) {
    return sent.stream().filter(n -> n.kind() == kind).toList();
  }
}
