package io.poolrescue.client.admin;


/**
 * Where the dev stack's parts listen, for other terminals and for a worker started separately
 * ({@code worker --temporal TEMPORAL --xapi XAPI_URL --password-file PASSWORD_FILE --inventory INVENTORY ...}).
 *
 * @param inventory the inventory file of the simulated pool (its hosts and BMCs), for such a worker
 */
public record DevStackInfo(
    String temporal,
    String namespace,
    String xapiUrl,
    String masterAddress,
    String user,
    String passwordFile,
    String backupDir,
    String keyFile,
    String admin,
    boolean worker,
    String inventory) {}
