package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.PoolClient;
import java.util.Map;

/**
 * One of XAPI's HTTP handlers: its verb and path, whether it acts on the receiving host itself
 * (host-local: served even while that host refuses normal API service, with a local session), and
 * what it does with the simulator's client for that host.
 */
record HttpAction(String verb, String path, boolean hostLocal, Work work) {

  /** What the handler produced: the bytes to send back and the task result. */
  record Result(byte[] body, String taskResult) {}

  @FunctionalInterface
  interface Work {
    Result run(Request request);
  }

  /** The parts of a request a handler needs. */
  record Request(String address, String hostUuid, PoolClient pool, Map<String, String> query, byte[] body,
      ServedSite site) {
    boolean flag(String name) {
      return "true".equals(query.get(name)); // xapi: exactly "true", nothing else
    }
  }
}
