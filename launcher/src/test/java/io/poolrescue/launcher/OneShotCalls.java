package io.poolrescue.launcher;

import io.poolrescue.client.admin.JournalLine;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The pool calls that must never take effect twice with the same arguments, and the journal's repeats of them. */
final class OneShotCalls {
  static final Set<String> DANGEROUS = Set.of("VM.power_state_reset", "VDI.remove_from_sm_config", "host.destroy",
      "VM.start_on", "pool.disable_ha", "pool.enable_ha", "pool.emergency_transition_to_master", "PBD.destroy");

  private OneShotCalls() {}

  /** How many times each dangerous call succeeded, keyed by "call [args]". */
  static Map<String, Long> counts(List<JournalLine> journal) {
    return journal.stream()
        .filter(e -> DANGEROUS.contains(e.call()) && e.outcome().equals("ok"))
        .collect(Collectors.groupingBy(e -> e.call() + " " + e.args(), Collectors.counting()));
  }

  /** The dangerous calls that succeeded more than once, with their counts. */
  static Map<String, Long> repeated(List<JournalLine> journal) {
    return counts(journal).entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
