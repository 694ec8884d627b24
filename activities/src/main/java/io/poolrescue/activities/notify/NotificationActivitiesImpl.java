package io.poolrescue.activities.notify;

public final class NotificationActivitiesImpl implements NotificationActivities {
  private final NotificationSink sink;

  public NotificationActivitiesImpl(NotificationSink sink) {
    this.sink = sink;
  }

  @Override
  public void notify(Notification notification) {
    sink.send(notification);
  }
}
