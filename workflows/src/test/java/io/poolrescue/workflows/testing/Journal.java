package io.poolrescue.workflows.testing;

import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.simulator.OperationJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading the simulator's operation journal the way the procedure tests assert on it. */
public final class Journal {
  private Journal() {}

  /** The calls that change what runs where or what the pool trusts: the ones gates guard. */
  public static final Set<String> DANGEROUS = Set.of(
      "VM.power_state_reset", "VDI.remove_from_sm_config", "host.destroy", "pool.disable_ha", "pool.enable_ha",
      "VM.start_on", "pool.emergency_transition_to_master", "pool.recover_slaves", "pool.set_default_SR",
      "PBD.create", "PBD.destroy", "PBD.plug", "PBD.unplug", "bmc.ForceOff");

  /** Successful dangerous calls after {@code fromSeq} (exclusive), in order. */
  public static List<JournalEntry> dangerous(OperationJournal j, long fromSeq) {
    return j.entries().stream()
        .filter(e -> e.seq() > fromSeq && DANGEROUS.contains(e.call()) && "ok".equals(e.outcome()))
        .toList();
  }

  /** Consecutive runs of the same call folded: e.g. {@code [VM.power_state_reset x4, host.destroy x1]}. */
  public static List<String> shape(List<JournalEntry> entries) {
    List<String> out = new ArrayList<>();
    String last = null;
    int n = 0;
    for (JournalEntry e : entries) {
      if (e.call().equals(last)) {
        n++;
        continue;
      }
      if (last != null) {
        out.add(last + " x" + n);
      }
      last = e.call();
      n = 1;
    }
    if (last != null) {
      out.add(last + " x" + n);
    }
    return out;
  }

  public static long lastSeq(OperationJournal j) {
    List<JournalEntry> all = j.entries();
    return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
  }
}
