package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.XapiException;

/**
 * A call refused because the host is in emergency mode. xapi answers it before it has read the
 * request's id or version, so the reply has its own fixed shape (see {@link JsonRpcCodec#emergencyError}).
 */
final class EmergencyRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final transient XapiException error;

  EmergencyRefusal(XapiException error) {
    super(error.getMessage(), null, false, false);
    this.error = error;
  }
}
