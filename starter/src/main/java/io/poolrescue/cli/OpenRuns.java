package io.poolrescue.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Workflow ids of the open runs in a namespace, through the old {@code ListOpenWorkflowExecutions}
 * API: Temporal's Java test server does not implement visibility queries
 * ({@code ListWorkflowExecutions}), but it and every real server answer this one.
 */
public final class OpenRuns {
  private OpenRuns() {}

  public static List<WorkflowExecutionInfo> list(TemporalSession session) {
    List<WorkflowExecutionInfo> runs = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    Instant latest = Instant.now().plusSeconds(86_400);
    do {
      ListOpenWorkflowExecutionsRequest request =
          ListOpenWorkflowExecutionsRequest.newBuilder()
              .setNamespace(session.target().namespace())
              .setMaximumPageSize(500)
              .setNextPageToken(page)
              .setStartTimeFilter(
                  StartTimeFilter.newBuilder()
                      .setEarliestTime(Timestamp.newBuilder().setSeconds(0))
                      .setLatestTime(Timestamp.newBuilder().setSeconds(latest.getEpochSecond())))
              .build();
      ListOpenWorkflowExecutionsResponse response =
          session.stubs().blockingStub().listOpenWorkflowExecutions(request);
      runs.addAll(response.getExecutionsList());
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return runs;
  }
}
