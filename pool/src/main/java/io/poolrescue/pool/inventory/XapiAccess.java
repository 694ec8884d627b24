package io.poolrescue.pool.inventory;

/**
 * How the worker logs in to a pool's XAPI.
 *
 * @param password a credential reference, {@code file:<path>} or {@code env:<NAME>}; never the password
 * @param tlsPinSha256 SHA-256 of the master's certificate (self-signed pools), or null to verify it
 *     against the JVM's trust store; members' pins are per host
 */
public record XapiAccess(String user, String password, String tlsPinSha256) {}
