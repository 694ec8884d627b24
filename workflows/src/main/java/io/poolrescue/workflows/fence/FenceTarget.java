package io.poolrescue.workflows.fence;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The host a procedure needs off, as that procedure sees it.
 *
 * @param host the host's uuid, or its management address when the run knows no uuid (a dead master)
 * @param name how statuses and gates name it
 * @param xapiEvidence what XAPI says of it now (liveness, heartbeat, probe), shown beside the BMC's answer
 * @param xapiFingerprint the pool state a fence-host approval rests on; a change voids the approval
 */
public record FenceTarget(String host, String name, Supplier<Map<String, String>> xapiEvidence,
    Supplier<String> xapiFingerprint) {}
