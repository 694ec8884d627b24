package io.poolrescue.workflows.restore;

import io.poolrescue.workflows.api.RecoveryRun;
import io.poolrescue.workflows.api.RunStatus;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** Event counts of a run's history and of every child run it lists in its status. */
final class HistorySizes {
  private HistorySizes() {}

  static Map<String, Integer> of(WorkflowClient client, String workflowId) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put(workflowId, client.fetchHistory(workflowId).getEvents().size());
    RunStatus st = client.newUntypedWorkflowStub(workflowId).query(RecoveryRun.STATUS_QUERY, RunStatus.class);
    for (String child : st.children()) {
      sizes.put(child, client.fetchHistory(child).getEvents().size());
    }
    return sizes;
  }

  static int largest(Map<String, Integer> sizes) {
    return sizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }
}
