package io.poolrescue.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import io.poolrescue.client.temporal.TemporalConnections;
import io.poolrescue.client.temporal.TemporalTarget;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class DevTemporalServerTest {

  @Test
  void answersOnLoopbackInRealTime() throws Exception {
    try (DevTemporalServer server = DevTemporalServer.start(0)) {
      assertTrue(server.port() > 0);
      WorkflowServiceStubs stubs = TemporalConnections.connect(TemporalTarget.dev(server.port()), null, Duration.ofSeconds(5));
      try {
        stubs.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
      } finally {
        stubs.shutdownNow();
      }
      // The server's clock is the wall clock (time skipping locked): it moves as fast as ours, no faster.
      TestServiceStubs test = TestServiceStubs.newServiceStubs(
          TestServiceStubsOptions.newBuilder().setTarget(server.target()).validateAndBuildWithDefaults());
      try {
        long t1 = test.blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime().getSeconds();
        Thread.sleep(1100);
        long t2 = test.blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime().getSeconds();
        long wall = System.currentTimeMillis() / 1000;
        assertTrue(t2 - t1 >= 1 && t2 - t1 <= 2, "advanced " + (t2 - t1) + "s in 1.1s");
        assertTrue(Math.abs(wall - t2) <= 2, "server time " + t2 + " vs wall " + wall);
      } finally {
        test.shutdownNow();
      }
    }
  }

  @Test
  void isNotReachableOnOtherInterfaces() throws Exception {
    try (DevTemporalServer server = DevTemporalServer.start(0)) {
      int checked = 0;
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            continue;
          }
          checked++;
          assertThrows(IOException.class, () -> {
            try (Socket s = new Socket()) {
              s.connect(new InetSocketAddress(a, server.port()), 500);
            }
          }, "reachable on " + a);
        }
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 500);
      }
      System.out.println("non-loopback addresses checked: " + checked);
    }
  }

  @Test
  void aTakenPortIsAClearError() {
    try (DevTemporalServer first = DevTemporalServer.start(0)) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> DevTemporalServer.start(first.port()));
      assertEquals(true, e.getMessage().contains("cannot listen on 127.0.0.1:" + first.port()), e.getMessage());
    }
  }
}
