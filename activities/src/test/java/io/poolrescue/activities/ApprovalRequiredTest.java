package io.poolrescue.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.approval.SignedDecision;
import io.poolrescue.activities.backup.BackupKeyring;
import io.poolrescue.activities.backup.DirectoryBackupStore;
import io.poolrescue.activities.fence.FenceActivities;
import io.poolrescue.activities.ha.PoolHaActivities;
import io.poolrescue.activities.host.HostActivities;
import io.poolrescue.activities.hostrestore.HostRestoreActivities;
import io.poolrescue.activities.master.MasterActivities;
import io.poolrescue.activities.metadata.MetadataImportActivities;
import io.poolrescue.activities.notify.LoggingNotificationSink;
import io.poolrescue.activities.policy.PolicyFile;
import io.poolrescue.activities.policy.PolicyReader;
import io.poolrescue.activities.poolrestore.PoolRestoreActivities;
import io.poolrescue.activities.storage.StorageActivities;
import io.poolrescue.activities.vm.ResetBatch;
import io.poolrescue.activities.vm.VmActivities;
import io.poolrescue.pool.model.Host;
import io.poolrescue.signing.SignedText;
import io.poolrescue.signing.SshKeyGenerator;
import io.poolrescue.signing.SshKeygenSigner;
import io.poolrescue.signing.webauthn.SoftAuthenticator;
import io.poolrescue.signing.webauthn.WebAuthnAssertion;
import io.poolrescue.signing.webauthn.WebAuthnAssertions;
import io.poolrescue.signing.webauthn.WebAuthnEnrolment;
import io.poolrescue.simulator.ManualClock;
import io.poolrescue.simulator.SimTimings;
import io.poolrescue.simulator.SimulatedPool;
import io.poolrescue.simulator.bmc.SimulatedFencing;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second check: every pool-changing activity, called the way a forged workflow task could call
 * it (no approval, another gate's, another run's, for other objects, a rejected gate, the starter's,
 * one approval short, unsigned where the policy wants signatures), refuses with APPROVAL_REFUSED and
 * leaves the pool and its journal as they were. A signed approval by an allowed key goes through.
 */
class ApprovalRequiredTest {
  private static final ActivityOptions ONCE = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(1))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();

  private final ManualClock clock = new ManualClock(SimulatedPool.EPOCH);
  @TempDir Path dir;
  private SimulatedPool sim;
  private TestActivityEnvironment env;
  private SimulatedFencing fencing;
  private TestApprovals approved;
  private Host h2;

  private void world(Supplier<PolicyFile> policy) {
    sim = SimulatedPool.preset("small", clock, SimTimings.defaults());
    fencing = SimulatedFencing.start(sim, dir.resolve("secrets"), "root", "env:POOLRESCUE_TEST_XAPI_PASSWORD");
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(ActivityImplementations.create(new ActivityDependencies(sim,
        new DirectoryBackupStore(dir.resolve("store"), BackupKeyring.generate(dir.resolve("key"))),
        new LoggingNotificationSink(), fencing.fencing(), false, policy).withCallingRun(TestApprovals.CALLING))
        .toArray());
    approved = TestApprovals.in(env);
    h2 = sim.snapshot().hosts().stream().filter(h -> h.nameLabel().equals("host-2")).findFirst().orElseThrow();
    sim.killHost(h2.uuid());
    clock.advance(Duration.ofSeconds(660));
  }

  @AfterEach
  void close() {
    env.close();
    fencing.close();
  }

  private <T> T stub(Class<T> type) {
    return env.newActivityStub(type, ONCE);
  }

  /** Every pool-changing call, each with the approval it is given. */
  private Map<String, Consumer<ApprovalProof>> calls() {
    String master = sim.masterAddress();
    String nfs = sim.snapshot().srs().stream().filter(s -> s.nameLabel().equals("nfs-shared")).findFirst()
        .orElseThrow().uuid();
    List<String> vms = sim.snapshot().residentVms(h2.ref()).stream().map(v -> v.uuid()).toList();
    return Map.ofEntries(
        Map.entry(GateIds.FENCE_HOST, a -> stub(FenceActivities.class).forceOff(h2.uuid(), a)),
        Map.entry(GateIds.DISABLE_HA, a -> stub(PoolHaActivities.class).disableHa(master, a)),
        Map.entry(GateIds.RESET_VMS, a -> stub(VmActivities.class).resetVms(
            new ResetBatch(master, h2.uuid(), false, vms, false, a))),
        Map.entry(GateIds.RELEASE_VDI_LOCKS, a -> stub(StorageActivities.class).releaseVdiLocks(master, h2.uuid(), nfs,
            false, false, a)),
        Map.entry(GateIds.FORGET_HOST, a -> stub(HostActivities.class).forgetHost(master, h2.uuid(), false, a)),
        Map.entry(GateIds.ENABLE_HA, a -> stub(PoolHaActivities.class).enableHa(master, List.of(nfs), Map.of(), a)),
        Map.entry(GateIds.PROMOTE_MASTER, a -> stub(MasterActivities.class).promote("127.0.10.3", a)),
        Map.entry(GateIds.SET_DEFAULT_SR, a -> stub(StorageActivities.class).setDefaultSr(master, nfs, a)),
        Map.entry(GateIds.RESTORE_DATABASE, a -> stub(PoolRestoreActivities.class).restorePoolDatabase(master, "b-1",
            false, a)),
        Map.entry(GateIds.IMPORT_WITH_FORCE, a -> stub(MetadataImportActivities.class).importExports(master,
            List.of("b-1"), true, a)),
        Map.entry(GateIds.UPLOAD_HOST_BACKUP, a -> stub(HostRestoreActivities.class).uploadHostBackup("127.0.10.2",
            h2.uuid(), "b-1", a)));
  }

  /** Every object the calls act on: a proof naming them all fails for its other faults only. */
  private String[] everything() {
    List<String> all = new java.util.ArrayList<>(List.of(h2.uuid(), "127.0.10.3"));
    sim.snapshot().srs().forEach(s -> all.add(s.uuid()));
    return all.toArray(new String[0]);
  }

  private void assertRefused(Consumer<ApprovalProof> call, ApprovalProof proof, String why, String what) {
    int journal = sim.journal().size();
    ActivityFailure f = assertThrows(ActivityFailure.class, () -> call.accept(proof), what);
    ApplicationFailure cause = (ApplicationFailure) f.getCause();
    assertEquals(ApprovalCheck.APPROVAL_REFUSED, cause.getType(), what + ": " + cause.getOriginalMessage());
    assertTrue(cause.isNonRetryable(), what);
    assertTrue(cause.getOriginalMessage().contains(why), what + ": " + cause.getOriginalMessage());
    assertEquals(journal, sim.journal().size(), what + " reached the pool: " + sim.journal().since(journal));
  }

  @Test
  void noPoolChangingCallRunsWithoutAnApprovedGateOfItsRun() {
    world(() -> PolicyFile.builtIn(false));
    for (var call : calls().entrySet()) {
      String gate = call.getKey();
      ApprovalProof good = approved.of(gate, everything());
      assertRefused(call.getValue(), null, "carries no approval", gate + " without approval");
      String other = gate.equals(GateIds.FORGET_HOST) ? GateIds.RESET_VMS : GateIds.FORGET_HOST;
      assertRefused(call.getValue(), approved.of(other), "is for gate " + other, gate + " under " + other);
      assertRefused(call.getValue(), withIds(good, "another-run", good.runId()), "not in this one",
          gate + " under another workflow's approval");
      assertRefused(call.getValue(), withIds(good, good.workflowId(), "an-earlier-run"), "not in this one",
          gate + " under an earlier run's approval of the same workflow id");
      assertRefused(call.getValue(), with(good, new SignedDecision("bob", "REJECT", "no", null, null)),
          "holds a REJECT", gate + " after a rejection");
      assertRefused(call.getValue(), with(good, new SignedDecision("Alice ", "APPROVE", "mine", null, null)),
          "started the run", gate + " approved by its starter");
      assertRefused(call.getValue(), with(good), "0 approval(s)", gate + " with no approval");
    }
    // the objects a call acts on must be ones its gate named
    assertRefused(calls().get(GateIds.FORGET_HOST), approved.of(GateIds.FORGET_HOST, "another-host"),
        "the gate did not name [" + h2.uuid() + "]", "forget under another host's gate");
    assertFalse(sim.snapshot().hosts().stream().noneMatch(h -> h.uuid().equals(h2.uuid())), "host-2 still there");
  }

  @Test
  void underAPolicyThatWantsSignaturesOnlyASignedApprovalCounts() throws Exception {
    SshKeygenSigner bob = SshKeyGenerator.ed25519(dir.resolve("bob"), "bob");
    SshKeygenSigner carol = SshKeyGenerator.ed25519(dir.resolve("carol"), "carol");
    Files.writeString(dir.resolve("allowed_signers"),
        SshKeyGenerator.allowedSignersLine("bob", bob.publicKey(), SignedText.NAMESPACE) + "\n");
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "signatures: {allowedSigners: allowed_signers}\n");
    PolicyFile file = PolicyReader.read(policy, Set.of("MemberFailureRecovery"), false);
    world(() -> file);
    Consumer<ApprovalProof> release = calls().get(GateIds.RELEASE_VDI_LOCKS);
    ApprovalProof unsigned = approved.of(GateIds.RELEASE_VDI_LOCKS, everything());
    assertRefused(release, unsigned, "is unsigned and the worker's policy accepts signed ones only", "unsigned");
    assertRefused(release, signedBy(carol, "bob", unsigned), "does not verify", "carol's key as bob");
    // bob signed for another run of this workflow id: as it is, it is another run's; renamed, it does not verify
    ApprovalProof otherRun = signedBy(bob, "bob", withIds(unsigned, unsigned.workflowId(), "another-run-id"));
    assertRefused(release, otherRun, "not in this one", "bob's approval of another run");
    assertRefused(release, withIds(otherRun, unsigned.workflowId(), unsigned.runId()), "does not verify",
        "bob's signature for another run, presented as this run's");

    int journal = sim.journal().size();
    release.accept(signedBy(bob, "bob", unsigned));
    assertTrue(sim.journal().since(journal).stream().anyMatch(e -> e.succeeded()), "the locks were released");
  }

  @Test
  void aBrowserSignedApprovalCountsOnlyForTheTextItsAuthenticatorSigned() throws Exception {
    SoftAuthenticator bob = SoftAuthenticator.es256();
    Files.writeString(dir.resolve("webauthn.json"), "{\"rpId\": \"console.example.test\", \"origins\": "
        + "[\"https://console.example.test\"], \"requireUserVerification\": false, \"credentials\": ["
        + WebAuthnEnrolment.entryJson(bob.credential("bob", null)) + "]}");
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "signatures: {webauthnCredentials: webauthn.json}\n");
    PolicyFile file = PolicyReader.read(policy, Set.of("MemberFailureRecovery"), false);
    world(() -> file);
    Consumer<ApprovalProof> release = calls().get(GateIds.RELEASE_VDI_LOCKS);
    ApprovalProof unsigned = approved.of(GateIds.RELEASE_VDI_LOCKS, everything());
    assertRefused(release, unsigned, "is unsigned and the worker's policy accepts signed ones only", "unsigned");
    assertRefused(release, assertedBy(bob, "carol", unsigned, "checked"), "does not verify", "bob's key as carol");
    ApprovalProof otherReason = assertedBy(bob, "bob", unsigned, "something else");
    assertRefused(release, with(otherReason, new SignedDecision("bob", "APPROVE", "checked",
        otherReason.decisions().get(0).signedAt(), null, otherReason.decisions().get(0).webauthn())),
        "does not verify", "bob's assertion of another reason, presented with this one");

    int journal = sim.journal().size();
    release.accept(assertedBy(bob, "bob", unsigned, "checked"));
    assertTrue(sim.journal().since(journal).stream().anyMatch(e -> e.succeeded()), "the locks were released");
  }

  /** An approval of {@code p} as the console sends it: the authenticator signs the text's SHA-256. */
  private static ApprovalProof assertedBy(SoftAuthenticator key, String approver, ApprovalProof p, String reason) {
    Instant at = SimulatedPool.EPOCH.truncatedTo(ChronoUnit.SECONDS);
    byte[] text = SignedText.decision(p.workflowId(), p.runId(), p.requestedBy(), p.gateId(), p.fingerprint(),
        p.targets(), "APPROVE", approver, at, reason);
    WebAuthnAssertion a = key.get(WebAuthnAssertions.challengeOf(text), "https://console.example.test",
        "console.example.test", SoftAuthenticator.UP, 1);
    return with(p, new SignedDecision(approver, "APPROVE", reason, at.toString(), null, a));
  }

  private static ApprovalProof signedBy(SshKeygenSigner key, String approver, ApprovalProof p) {
    Instant at = SimulatedPool.EPOCH.truncatedTo(ChronoUnit.SECONDS);
    byte[] text = SignedText.decision(p.workflowId(), p.runId(), p.requestedBy(), p.gateId(), p.fingerprint(),
        p.targets(), "APPROVE", approver, at, "checked");
    return with(p, new SignedDecision(approver, "APPROVE", "checked", at.toString(),
        key.sign(text, SignedText.NAMESPACE)));
  }

  private static ApprovalProof with(ApprovalProof p, SignedDecision... decisions) {
    return new ApprovalProof(p.workflowId(), p.runId(), p.procedure(), p.requestedBy(), p.gateId(), p.fingerprint(),
        p.targets(), List.of(decisions));
  }

  private static ApprovalProof withIds(ApprovalProof p, String workflowId, String runId) {
    return new ApprovalProof(workflowId, runId, p.procedure(), p.requestedBy(), p.gateId(), p.fingerprint(),
        p.targets(), p.decisions());
  }
}
