package io.poolrescue.pool.fence;

import io.poolrescue.pool.xapi.CredentialSource;
import java.util.Objects;

/**
 * Where a host's BMC is and how to log in to it; comes from the worker's inventory, never from a
 * workflow request.
 *
 * @param address Redfish: the service's base URL ({@code https://10.0.1.11}); IPMI: {@code host} or {@code host:port}
 * @param password a reference (file or environment), read at each use and never logged
 * @param tlsPinSha256 Redfish: SHA-256 of the BMC's certificate (self-signed BMCs), or null to verify it
 *     against the JVM's trust store
 * @param systemSerial the host's serial number: chooses the Redfish system when the BMC manages several
 */
public record BmcTarget(
    BmcKind kind, String address, String user, CredentialSource password, String tlsPinSha256, String systemSerial) {

  public BmcTarget {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(password, "password");
  }

  /** Safe to print and to record as evidence. */
  public String describe() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + address;
  }
}
