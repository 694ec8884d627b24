package io.poolrescue.audit.drill;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Named like flow's inspection activities ({@code InspectPool}) so the report finds the pool states. */
@ActivityInterface(namePrefix = "Inspect")
public interface DrillActivities {

  @ActivityMethod
  PoolView pool(String poolAddress);

  @ActivityMethod(name = "DrillReset")
  String reset(String vmUuid);

  record PoolView(String master, List<String> runningVms) {}

  /** A pretend pool: a list of running VMs and a journal of what was done to it. */
  final class Fake implements DrillActivities {
    public final List<String> running = new CopyOnWriteArrayList<>(List.of("vm-a"));
    public final List<String> journal = new CopyOnWriteArrayList<>();

    @Override
    public PoolView pool(String poolAddress) {
      return new PoolView(poolAddress, List.copyOf(running));
    }

    @Override
    public String reset(String vmUuid) {
      journal.add("VM.power_state_reset " + vmUuid);
      running.add(vmUuid);
      return "ok";
    }
  }
}
