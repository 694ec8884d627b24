package io.poolrescue.worker.metrics;

import com.uber.m3.tally.Scope;
import io.poolrescue.activities.observe.ActivityObserver;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.InventoryPool;
import io.poolrescue.workflows.api.TaskQueues;
import io.temporal.failure.ApplicationFailure;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;

/**
 * Counts every failed activity attempt of this worker as {@value #FAILURES}, tagged with the site (from
 * the task queue it came from), the pool (the inventory uuid of the pool of the first address among its
 * arguments), the activity and the failure's type: the XAPI error code for a refusal, else the
 * exception's class.
 */
public final class ActivityFailureMetrics {
  public static final String FAILURES = "poolrescue_activity_failures";
  static final String NONE = "none";

  private final Scope scope;
  private final Inventory inventory;

  /** @param inventory null without one: the pool is then "none" */
  public ActivityFailureMetrics(Scope scope, Inventory inventory) {
    this.scope = scope;
    this.inventory = inventory;
  }

  /** The interceptor to give the worker factory. */
  public ActivityObserver interceptor() {
    return new ActivityObserver((info, args, failure) -> {
      if (failure != null) {
        count(info.getActivityTaskQueue(), info.getActivityType(), args, failure);
      }
    });
  }

  void count(String taskQueue, String activity, Object[] args, RuntimeException e) {
    String code = e instanceof ApplicationFailure a && a.getType() != null ? a.getType() : e.getClass().getSimpleName();
    scope.tagged(Map.of("site", site(taskQueue), "pool", pool(args), "activity", activity, "code", code))
        .counter(FAILURES).inc(1);
  }

  static String site(String taskQueue) {
    String prefix = TaskQueues.POOL_RECOVERY + ".";
    return taskQueue != null && taskQueue.startsWith(prefix) ? taskQueue.substring(prefix.length()) : NONE;
  }

  /** The first argument, or component of a record argument, that is an address of an inventory pool. */
  String pool(Object[] args) {
    if (inventory == null || args == null) {
      return NONE;
    }
    for (Object arg : args) {
      Optional<InventoryPool> p = poolOf(arg);
      if (p.isEmpty() && arg instanceof Record r) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
          p = poolOf(value(c, r));
          if (p.isPresent()) {
            break;
          }
        }
      }
      if (p.isPresent()) {
        return p.get().uuid();
      }
    }
    return NONE;
  }

  private Optional<InventoryPool> poolOf(Object value) {
    return value instanceof String s ? inventory.poolAt(s) : Optional.empty();
  }

  private static Object value(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
