package io.poolrescue.workflows.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.poolrescue.activities.ActivityDependencies;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.notify.Notification;
import io.poolrescue.activities.notify.NotificationSink;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.fence.HostFencing;
import io.poolrescue.workflows.PoolRescueRegistrations;
import io.poolrescue.workflows.api.DecideRequest;
import io.poolrescue.workflows.api.RecoveryRun;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.metadata.POJOActivityImplMetadata;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every name a recorded history depends on is still declared by today's code: activity types (the
 * interfaces' name prefix plus method), workflow types (parents and children), and gate ids (from
 * the decide updates and the gate notifications, without the {@code #N} of a gate asked again). A rename that replay would only
 * reach on some path fails here for every path at once.
 */
class RecordedNamesTest {

  /** Where each procedure declares its gate ids ({@code static final String} constants). */
  static final List<String> GATE_CLASSES = List.of(
      "io.poolrescue.workflows.member.MemberGates",
      "io.poolrescue.workflows.master.MasterGates",
      "io.poolrescue.workflows.restore.PoolRestoreGates",
      "io.poolrescue.workflows.hostconfig.HostConfigGates",
      "io.poolrescue.workflows.metadata.ImportGates",
      "io.poolrescue.workflows.fence.FenceGates",
      "io.poolrescue.workflows.core.StandbyMove");

  /** The notification activity's type: its input names the gate it announces. */
  static final String NOTIFY_ACTIVITY = "NotifyNotify";

  @Test
  void recordedActivityTypesAreDeclared() {
    Set<String> recorded = new TreeSet<>();
    events(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).forEach(e ->
        recorded.add(e.getActivityTaskScheduledEventAttributes().getActivityType().getName()));
    assertFalse(recorded.isEmpty());
    Set<String> unknown = new TreeSet<>(recorded);
    unknown.removeAll(declaredActivityTypes());
    assertEquals(Set.of(), unknown, "activity types in recorded histories that no registered interface declares");
  }

  @Test
  void recordedWorkflowTypesAreDeclared() {
    Set<String> recorded = new TreeSet<>();
    events(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED).forEach(e ->
        recorded.add(e.getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName()));
    events(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED).forEach(e ->
        recorded.add(e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowType().getName()));
    Set<String> declared = new TreeSet<>();
    for (Class<?> impl : PoolRescueRegistrations.workflowTypes()) {
      POJOWorkflowImplMetadata.newInstance(impl).getWorkflowMethods().stream()
          .map(POJOWorkflowMethodMetadata::getName).forEach(declared::add);
    }
    Set<String> unknown = new TreeSet<>(recorded);
    unknown.removeAll(declared);
    assertEquals(Set.of(), unknown, "workflow types in recorded histories that no registered implementation declares");
  }

  @Test
  void recordedGateIdsAreDeclared() {
    Set<String> recorded = new TreeSet<>();
    events(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).forEach(e -> {
      var request = e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getInput();
      if (request.getName().equals(RecoveryRun.DECIDE_UPDATE)) {
        Payload p = request.getArgs().getPayloads(0);
        DecideRequest d = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(p, DecideRequest.class, DecideRequest.class);
        recorded.add(d.gateId().replaceFirst("#\\d+$", ""));
      }
    });
    // every gate opened, decided or not (an expired one has no decide), is announced with its id
    events(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).stream()
        .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
        .filter(a -> a.getActivityType().getName().equals(NOTIFY_ACTIVITY))
        .map(a -> DefaultDataConverter.STANDARD_INSTANCE.fromPayload(a.getInput().getPayloads(0), Notification.class,
            Notification.class))
        .filter(n -> n.gateId() != null)
        .forEach(n -> recorded.add(n.gateId().replaceFirst("#\\d+$", "")));
    assertFalse(recorded.isEmpty());
    Set<String> unknown = new TreeSet<>(recorded);
    unknown.removeAll(declaredGateIds());
    assertEquals(Set.of(), unknown, "gate ids decided in recorded histories that no procedure declares");
  }

  static Set<String> declaredActivityTypes() {
    Set<String> types = new TreeSet<>();
    for (Object impl : PoolRescueRegistrations.activities(new ActivityDependencies(stub(PoolConnector.class),
        stub(BackupStore.class), stub(NotificationSink.class), HostFencing.none(Clock.systemUTC()), false))) {
      for (POJOActivityInterfaceMetadata i : POJOActivityImplMetadata.newInstance(impl.getClass())
          .getActivityInterfaces()) {
        i.getMethodsMetadata().stream().map(POJOActivityMethodMetadata::getActivityTypeName).forEach(types::add);
      }
    }
    return types;
  }

  static Set<String> declaredGateIds() {
    Set<String> ids = new TreeSet<>();
    for (String name : GATE_CLASSES) {
      try {
        for (Field f : Class.forName(name).getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
            f.setAccessible(true);
            ids.add((String) f.get(null));
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(name, e);
      }
    }
    return ids;
  }

  private static List<HistoryEvent> events(EventType type) {
    return HistoryFiles.histories(HistoryFiles.sourceDirectory()).stream()
        .map(HistoryFiles::read)
        .flatMap(h -> h.getEvents().stream())
        .filter(e -> e.getEventType() == type)
        .toList();
  }

  /** The implementations are only built to read their metadata: a collaborator that is never called. */
  @SuppressWarnings("unchecked")
  private static <T> T stub(Class<T> type) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
      throw new UnsupportedOperationException(m.getName());
    });
  }
}
