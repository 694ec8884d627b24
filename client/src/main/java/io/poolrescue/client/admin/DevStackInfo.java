package io.poolrescue.client.admin;

import java.util.Map;

/**
 * Where the dev stack's parts listen, for other terminals and for a worker started separately
 * ({@code worker --temporal TEMPORAL --xapi XAPI_URL --password-file PASSWORD_FILE --inventory INVENTORY
 * --policy POLICY ...}).
 *
 * @param inventory the inventory file of the simulated pool (its hosts and BMCs), for such a worker
 * @param policy the worker's approval policy file (signed starts and decisions only)
 * @param signingKeys each persona's SSH private key, by name: {@code --as NAME --key PATH}
 * @param webauthnCredentials the WebAuthn credentials file the policy names: enrolments from the
 *     console go there (the dev stack's administrator is whoever runs it)
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
    String inventory,
    String policy,
    Map<String, String> signingKeys,
    String webauthnCredentials) {}
