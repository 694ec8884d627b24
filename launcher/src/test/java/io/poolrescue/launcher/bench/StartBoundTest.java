package io.poolrescue.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartBoundTest {
  private static final Duration DESTROY = Duration.ofSeconds(2);
  private static final Duration BOOT = Duration.ofSeconds(20);

  private static Vm vm(int i, String priority, long order) {
    return new Vm("OpaqueRef:" + i, "uuid-" + i, "vm-" + i, PowerState.RUNNING, "OpaqueRef:h", 2048L << 20, priority,
        order, 1, false, List.of());
  }

  private static List<Vm> vms(int n, String[] priorities, int orders) {
    List<Vm> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(vm(i, priorities[i % priorities.length], i % orders));
    }
    return out;
  }

  @Test
  void startsGoInRoundsOfTheSurvivorsCombinedSlotsAndTiersMayOverlap() {
    // 200 VMs in three tiers of about 67 on 7 x 16 slots: every tier fits one round, all of them two
    StartBound b = StartBound.of(DESTROY, vms(200, new String[] {"restart", "best-effort", ""}, 1), 7, 16, BOOT);
    assertEquals(BOOT.multipliedBy(2), b.starts());
    assertEquals(Duration.ofSeconds(42), b.total());
  }

  @Test
  void laterStartOrdersOfATierWaitForTheEarlierOnes() {
    // 60 VMs, one tier, five orders of 12: each order a round of its own although all would fit in one
    StartBound b = StartBound.of(DESTROY, vms(60, new String[] {"restart"}, 5), 63, 16, BOOT);
    assertEquals(BOOT.multipliedBy(5), b.starts());
  }

  @Test
  void anOrderLargerThanTheSlotsTakesSeveralRounds() {
    StartBound b = StartBound.of(DESTROY, vms(65, new String[] {""}, 1), 2, 16, BOOT); // 32 + 32 + 1
    assertEquals(BOOT.multipliedBy(3), b.starts());
  }

  @Test
  void nothingToStartIsTheSerialStepsAlone() {
    assertEquals(DESTROY, StartBound.of(DESTROY, List.of(), 0, 16, BOOT).total());
    assertThrows(IllegalArgumentException.class, () -> StartBound.of(DESTROY, vms(1, new String[] {""}, 1), 0, 16, BOOT));
  }
}
