package io.poolrescue.pool.inventory;

import io.poolrescue.pool.fence.BmcKind;
import io.poolrescue.pool.fence.BmcTarget;
import io.poolrescue.pool.xapi.CredentialSource;

/**
 * A host's BMC as the inventory file states it.
 *
 * @param address Redfish: base URL such as {@code https://10.0.1.11}; IPMI: {@code host} or {@code host:port}
 * @param password a credential reference, {@code file:<path>} or {@code env:<NAME>}; never the password
 * @param tlsPinSha256 Redfish only: SHA-256 of the BMC's certificate, or null to verify it against the trust store
 */
public record BmcConfig(BmcKind kind, String address, String user, String password, String tlsPinSha256) {

  BmcTarget target(String serial) {
    return new BmcTarget(kind, address, user, CredentialSource.parse(password), tlsPinSha256, serial);
  }
}
