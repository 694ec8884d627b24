package io.poolrescue.workflows.metadata;

import static io.poolrescue.workflows.metadata.ImportScenario.VM_A;
import static io.poolrescue.workflows.metadata.ImportScenario.VM_B;
import static io.poolrescue.workflows.metadata.ImportScenario.VM_C;
import static io.poolrescue.workflows.metadata.ImportScenario.VM_D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vm;
import io.poolrescue.simulator.JournalEntry;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.GateView;
import io.poolrescue.workflows.api.RunResult;
import io.poolrescue.workflows.api.RunStatus;
import io.poolrescue.workflows.api.VmMetadataImport;
import io.poolrescue.workflows.api.VmMetadataImportRequest;
import io.poolrescue.workflows.testing.Journal;
import io.poolrescue.workflows.testing.LostReplyConnector;
import io.poolrescue.workflows.testing.RecoveryTestEnv;
import io.poolrescue.workflows.testing.Replay;
import io.poolrescue.workflows.testing.RunDriver;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VmMetadataImportTest {
  private RecoveryTestEnv t;
  private List<String> exports;

  @AfterEach
  void close() {
    if (t != null) {
      t.close();
    }
  }

  private void setUp() {
    t = RecoveryTestEnv.spec(ImportScenario.disasterRecovery());
    exports = ImportScenario.exportProduction(t.store, Instant.ofEpochMilli(t.env.currentTimeMillis()));
  }

  private RunDriver start(String id, List<String> backupIds, boolean startVms) {
    VmMetadataImport run = t.newRun(VmMetadataImport.class, id);
    WorkflowClient.start(run::run, new VmMetadataImportRequest(t.sim.masterAddress(), backupIds, startVms,
        RecoveryTestEnv.STARTER, ApprovalPolicy.defaults()));
    return t.driver(id);
  }

  private List<JournalEntry> imports(long fromSeq) {
    return t.sim.journal().entries().stream().filter(e -> e.seq() > fromSeq && e.call().equals("PUT /import_metadata")
        && e.args().contains("dry_run=false")).toList();
  }

  @Test
  void importsWhatItCanThenForcesTheRestBehindAGateAndStartsTheVms() {
    setUp();
    Map<String, String> runningBefore = t.sim.runningDomains();
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("import-force", exports, true);

    GateView force = run.awaitGate("import-with-force");
    assertEquals(List.of(VM_A, VM_B, VM_C), force.targets());
    String a = force.evidence().get(exports.get(0));
    String b = force.evidence().get(exports.get(1));
    String c = force.evidence().get(exports.get(2));
    assertTrue(a.startsWith("VM_TO_IMPORT_IS_NOT_NEWER_VERSION") && a.contains("REPLACES") && a.contains("version 3"), a);
    assertTrue(b.startsWith("VM_BAD_POWER_STATE") && b.contains("SKIPS") && b.contains("Running"), b);
    assertTrue(c.startsWith("VDI_LOCATION_MISSING") && c.contains("c-disk") && c.contains(ImportScenario.SAN)
        && c.contains("WITHOUT that disk"), c);
    assertEquals(1, imports(seq).size(), "only vm-d imported before the approval");
    assertTrue(imports(seq).get(0).args().contains("force=false"));

    run.approve("import-with-force");
    RunResult result = run.result();

    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    PoolSnapshot s = t.snapshot();
    Vm vmA = s.vmByUuid(VM_A).orElseThrow();
    assertEquals(2, vmA.version(), "vm-a replaced by the exported version, recovered once more");
    assertEquals(1, s.disksOf(vmA.ref()).size());
    Vm vmC = s.vmByUuid(VM_C).orElseThrow();
    assertTrue(s.disksOf(vmC.ref()).isEmpty(), "vm-c imported without its missing disk");
    assertEquals(1, s.disksOf(s.vmByUuid(VM_D).orElseThrow().ref()).size());
    for (String vm : List.of(VM_A, VM_C, VM_D)) {
      assertEquals(PowerState.RUNNING, s.vmByUuid(vm).orElseThrow().powerState(), vm);
    }
    assertEquals(runningBefore.get(VM_B), t.sim.runningDomains().get(VM_B), "vm-b untouched, still running where it was");
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());

    List<JournalEntry> ops = imports(seq);
    assertEquals(List.of("force=false", "force=true", "force=true"),
        ops.stream().map(e -> e.args().stream().filter(x -> x.startsWith("force=")).findFirst().orElseThrow()).toList());
    List<JournalEntry> dangerous = Journal.dangerous(t.sim.journal(), seq);
    assertEquals(List.of("VM.start_on x3"), Journal.shape(dangerous));
    RunStatus st = run.status();
    assertTrue(st.warnings().stream().anyMatch(w -> w.contains("skipped by force") && w.contains(exports.get(1))),
        st.warnings().toString());
    Replay.assertReplays(t.client.fetchHistory("import-force"));
  }

  /** The forced import of vm-a took effect but its answer was lost: the retry does not import it again, and says it was forced. */
  @Test
  void aLostReplyToAForcedImportIsNotSentAgainAndTheImportIsRecorded() {
    LostReplyConnector lose = new LostReplyConnector("importVmMetadata", args -> (boolean) args[1] && !(boolean) args[2]);
    t = RecoveryTestEnv.instrumented(ImportScenario.disasterRecovery(), lose::wrap);
    exports = ImportScenario.exportProduction(t.store, Instant.ofEpochMilli(t.env.currentTimeMillis()));
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("import-lost-reply", exports, true);
    run.awaitGate("import-with-force");
    run.approve("import-with-force");
    RunResult result = run.result();

    assertTrue(lose.lost(), "the reply to a forced import was lost");
    assertEquals(RunResult.Outcome.RECOVERED, result.outcome(), result.summary());
    List<JournalEntry> forced = imports(seq).stream().filter(e -> e.args().contains("force=true")).toList();
    assertEquals(2, forced.size(), "vm-a and vm-c forced once each: " + forced);
    List<String> recorded = run.status().operations().stream()
        .filter(o -> o.call().equals("PUT /import_metadata") && o.args().contains("force=true"))
        .map(o -> o.args().get(1)).sorted().toList();
    assertEquals(List.of(VM_A, VM_C), recorded, "both forced imports recorded, the lost one included");
    assertEquals(2, t.snapshot().vmByUuid(VM_A).orElseThrow().version());
    assertTrue(t.sim.integrityViolations().isEmpty(), t.sim.integrityViolations().toString());
  }

  @Test
  void aRejectedForceLeavesOnlyThePlainImport() {
    setUp();
    long seq = Journal.lastSeq(t.sim.journal());
    RunDriver run = start("import-reject", exports, true);
    run.awaitGate("import-with-force");
    run.reject("import-with-force");
    RunResult result = run.result();
    assertEquals(RunResult.Outcome.REJECTED, result.outcome(), result.summary());
    assertEquals(1, imports(seq).size());
    assertEquals(3, t.snapshot().vmByUuid(VM_A).orElseThrow().version(), "vm-a not replaced");
    assertTrue(t.snapshot().vmByUuid(VM_C).isEmpty());
    assertTrue(Journal.dangerous(t.sim.journal(), seq).isEmpty(), "no VM started after the rejection");
  }

  @Test
  void aSecondRunFindsEverythingImportedAndChangesNothing() {
    setUp();
    RunDriver first = start("import-1", exports, false);
    first.awaitGate("import-with-force");
    first.approve("import-with-force");
    assertEquals(RunResult.Outcome.RECOVERED, first.result().outcome());
    long seq = Journal.lastSeq(t.sim.journal());

    RunResult again = start("import-2", exports, false).result();
    assertEquals(RunResult.Outcome.RECOVERED, again.outcome(), again.summary());
    assertTrue(again.summary().startsWith("0 VM(s) imported"), again.summary());
    assertTrue(imports(seq).isEmpty(), "no import repeated");
  }

  @Test
  void anExportThatIsNotMetadataIsRefusedClearly() {
    setUp();
    RunResult result = start("import-bad", List.of("vm-metadata.nope.20260101T000000000Z"), false).result();
    assertEquals(RunResult.Outcome.FAILED, result.outcome());
    assertTrue(result.summary().contains("BACKUP_NOT_FOUND"), result.summary());
  }
}
