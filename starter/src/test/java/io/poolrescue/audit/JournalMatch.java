package io.poolrescue.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.audit.AuditReport.OperationAudit;
import io.poolrescue.workflows.api.OperationApplied;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the operations of an audit report with the simulated pool's journal of the same run:
 * the same XAPI calls on the same objects, in the same order — except inside a parallel group,
 * whose calls the pool may have received in any order (compared as sets).
 *
 * <p>One record of the run is coarser than the journal: {@code resetvdis HOST SR} releases the
 * host's lock on each of N VDIs ("ok: N VDIs"), which the pool journals as N
 * {@code VDI.remove_from_sm_config} calls; it is expanded to those N calls here.
 */
final class JournalMatch {
  private static final Pattern VDI_COUNT = Pattern.compile("ok: (\\d+) VDIs");

  private JournalMatch() {}

  private record Call(String text, int group) {}

  /**
   * Calls only, in order: for procedures whose status names objects otherwise than the journal does
   * (MasterFailureRecovery records the promoted master by address, the pool journals its uuid).
   */
  static void assertSameCalls(String run, List<OperationAudit> ops, JsonNode journal) {
    List<String> reported = new ArrayList<>();
    for (OperationAudit oa : ops) {
      if (oa.op().call().equals("resetvdis")) {
        Matcher m = VDI_COUNT.matcher(oa.op().outcome());
        assertTrue(m.find(), run + ": resetvdis outcome " + oa.op().outcome());
        reported.addAll(java.util.Collections.nCopies(Integer.parseInt(m.group(1)), "VDI.remove_from_sm_config"));
      } else if (oa.op().outcome().startsWith("ok")) {
        reported.add(oa.op().call());
      }
    }
    List<String> journaled = new ArrayList<>();
    for (JsonNode e : journal) {
      if ("ok".equals(e.get("outcome").asText()) && !e.path("byHand").asBoolean()) {
        journaled.add(e.get("call").asText());
      }
    }
    assertEquals(journaled, reported, run);
  }

  static void assertSameOperations(String run, List<OperationAudit> ops, JsonNode journal) {
    List<Call> reported = new ArrayList<>();
    for (OperationAudit oa : ops) {
      OperationApplied op = oa.op();
      if (op.call().equals("resetvdis")) {
        Matcher m = VDI_COUNT.matcher(op.outcome());
        assertTrue(m.find(), run + ": resetvdis outcome " + op.outcome());
        for (int i = 0; i < Integer.parseInt(m.group(1)); i++) {
          reported.add(new Call("VDI.remove_from_sm_config", oa.parallelGroup()));
        }
      } else if (op.outcome().startsWith("ok")) {
        reported.add(new Call(op.call() + " " + op.args(), oa.parallelGroup()));
      }
    }
    List<String> journaled = new ArrayList<>();
    for (JsonNode e : journal) {
      if (!"ok".equals(e.get("outcome").asText()) || e.path("byHand").asBoolean()) {
        continue; // refused calls, and what an operator did by hand during the run, are not the run's operations
      }
      String call = e.get("call").asText();
      List<String> args = new ArrayList<>();
      e.get("args").forEach(a -> args.add(a.asText()));
      journaled.add(call.equals("VDI.remove_from_sm_config") ? call : call + " " + args);
    }
    assertEquals(journaled.size(), reported.size(), run + ": report " + reported + "\njournal " + journaled);
    int i = 0;
    while (i < reported.size()) {
      int group = reported.get(i).group();
      int end = i + 1;
      while (group > 0 && end < reported.size() && reported.get(end).group() == group) {
        end++;
      }
      List<String> mine = reported.subList(i, end).stream().map(Call::text).sorted().toList();
      List<String> theirs = journaled.subList(i, end).stream().sorted().toList();
      assertEquals(theirs, mine, run + ": operations " + (i + 1) + ".." + end + (group > 0 ? " (parallel)" : ""));
      i = end;
    }
  }
}
