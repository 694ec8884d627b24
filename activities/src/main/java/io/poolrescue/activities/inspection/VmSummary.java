package io.poolrescue.activities.inspection;

import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Sr;
import io.poolrescue.pool.model.Vm;
import java.util.List;

/** What a procedure needs to know about one VM: enough to list it in a gate and to order its restart. */
public record VmSummary(
    String uuid, String nameLabel, PowerState powerState, long memory, String haRestartPriority, long order,
    List<String> srUuids) {

  public VmSummary {
    srUuids = List.copyOf(srUuids);
  }

  public static VmSummary of(PoolSnapshot s, Vm vm) {
    return new VmSummary(vm.uuid(), vm.nameLabel(), vm.powerState(), vm.memory(), vm.haRestartPriority(),
        vm.order(), s.srsOf(vm.ref()).stream().map(Sr::uuid).toList());
  }
}
