package io.poolrescue.activities.policy;

import java.util.Map;

/** One procedure's rule in the policy file, and the gates (by base id, e.g. {@code release-vdi-locks}) that differ. */
public record ProcedurePolicy(GateRule rule, Map<String, GateRule> gates) {

  public ProcedurePolicy {
    gates = gates == null ? Map.of() : Map.copyOf(gates);
  }
}
