package io.poolrescue.workflows.restore;

import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.core.ActivityStubs;
import io.poolrescue.workflows.core.ApprovalGate;
import io.poolrescue.workflows.core.RunStatusRecorder;
import java.util.List;
import java.util.Map;

/** What every step of a pool restore works with: the run's stubs, status and gate, and the request. */
record RestoreContext(ActivityStubs acts, RunStatusRecorder status, ApprovalGate gate, PoolRestoreRequest request,
    int version) {

  String target() {
    return request.targetMasterAddress();
  }

  List<String> others() {
    return others(request);
  }

  Map<String, Map<String, String>> deviceConfigs() {
    return request.deviceConfigs() == null ? Map.of() : request.deviceConfigs();
  }

  static List<String> others(PoolRestoreRequest r) {
    return r.otherHostAddresses() == null ? List.of() : r.otherHostAddresses();
  }
}
