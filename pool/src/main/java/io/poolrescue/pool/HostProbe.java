package io.poolrescue.pool;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What answered at a host's address when we tried to log in there, without following redirects:
 * the evidence a human needs before declaring a host dead.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = HostProbe.Master.class, name = "master"),
  @JsonSubTypes.Type(value = HostProbe.Slave.class, name = "slave"),
  @JsonSubTypes.Type(value = HostProbe.Unavailable.class, name = "unavailable"),
  @JsonSubTypes.Type(value = HostProbe.Unidentified.class, name = "unidentified"),
  @JsonSubTypes.Type(value = HostProbe.Unreachable.class, name = "unreachable")
})
public sealed interface HostProbe permits HostProbe.Master, HostProbe.Slave, HostProbe.Unavailable,
    HostProbe.Unidentified, HostProbe.Unreachable {
  String address();

  /** The XAPI there accepted a normal login: it is a pool master. */
  record Master(String address) implements HostProbe {}

  /** The XAPI there is a member and named its master ({@code HOST_IS_SLAVE}). */
  record Slave(String address, String masterAddress) implements HostProbe {}

  /** The XAPI there answered but refused service, e.g. {@code HOST_STILL_BOOTING} or {@code HOST_BROKEN}. */
  record Unavailable(String address, String errorCode) implements HostProbe {}

  /**
   * Something accepted a TCP connection at the address but did not answer as an XAPI we could read:
   * a TLS certificate we do not trust, an HTTP error, a reply that is not JSON-RPC. The machine is up.
   */
  record Unidentified(String address, String detail) implements HostProbe {}

  /** Nothing answered: no TCP connection within the timeout (refused, timed out, no route). */
  record Unreachable(String address, String reason) implements HostProbe {}

  /** True when anything answers at the address, i.e. the host is not safely dead. */
  default boolean answers() {
    return !(this instanceof Unreachable);
  }
}
