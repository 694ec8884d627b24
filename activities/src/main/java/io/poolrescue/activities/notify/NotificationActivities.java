package io.poolrescue.activities.notify;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Tells people about gates and human tasks. */
@ActivityInterface(namePrefix = "Notify")
public interface NotificationActivities {

  @ActivityMethod
  void notify(Notification notification);
}
