package io.poolrescue.worker;

import com.google.protobuf.Empty;
import io.grpc.StatusRuntimeException;
import io.temporal.api.testservice.v1.TestServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;

/**
 * Tells Temporal's Java test server (the dev stack) from a real server: only the test server
 * answers the test-only {@code TestService}. Matters because the test server never times out a
 * workflow task waiting on a dead worker's sticky queue, where a real server falls back to the
 * normal queue after a few seconds.
 */
public final class ServerKind {
  private ServerKind() {}

  public static boolean isJavaTestServer(WorkflowServiceStubs stubs) {
    try {
      TestServiceGrpc.newBlockingStub(stubs.getRawChannel())
          .withDeadlineAfter(3, TimeUnit.SECONDS)
          .getCurrentTime(Empty.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException e) {
      return false; // UNIMPLEMENTED on a real server
    }
  }
}
