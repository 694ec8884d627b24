package io.poolrescue.activities.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.BackupArtefact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy file as the worker reads it: the shipped example, each mistake named, rules resolved per gate. */
class PolicyReaderTest {
  static final Set<String> PROCEDURES = Set.of("MemberFailureRecovery", "MasterFailureRecovery", "PoolRestore",
      "HostConfigRestore", "VmMetadataImport");
  static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsDj6vMdzo1jcd8x+U5smpdyCGqzdlEv6cHc3jX/Slh";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void theExampleShippedInDeployIsValidAndResolvesPerGate() throws Exception {
    Path example = Path.of("..", "deploy", "policy.example.yaml");
    Files.copy(example, dir.resolve("policy.yaml"));
    write("allowed_signers", "bob,carol,dave,erin namespaces=\"poolrescue\" " + KEY + "\n");
    PolicyFile file = PolicyReader.read(dir.resolve("policy.yaml"), PROCEDURES, true);

    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(example))),
        file.sha256(), "the hash an operator compares with sha256sum");
    RunPolicy member = file.resolve("MemberFailureRecovery");
    assertFalse(member.unsignedDecisions());
    assertFalse(member.unfencedAttestation(), "the file's false wins over the worker's flag");
    assertEquals(1, member.rule().quorum());
    GateRule locks = member.ruleOf("release-vdi-locks#2");
    assertEquals(2, locks.quorum());
    assertEquals(List.of("storage", "virtualization"), locks.groups());
    assertEquals(List.of("carol", "dave"), member.groups().get("storage"));
    assertEquals(Duration.ofHours(4), locks.expireAfter(), "inherited from the defaults");
    assertEquals(Duration.ofHours(8), file.resolve("PoolRestore").rule().expireAfter());
    assertEquals(List.of("bob", "carol", "dave", "erin"), file.resolve("MasterFailureRecovery").rule().approvers());
    assertTrue(member.allowedSigners().contains(KEY));
  }

  @Test
  void everyMistakeIsNamedWithItsPlace() throws Exception {
    Path p = write("p.yaml", """
        defaults: {quorum: 0, expireAfter: PT0S}
        groups: {storage: []}
        procedures:
          MemberFailure: {}
          PoolRestore:
            gates:
              restore-database: {groups: [network]}
        signatures: {unsignedDecisions: false}
        """);
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyReader.read(p, PROCEDURES, false));
    for (String expected : List.of("groups.storage: a group needs at least one member",
        "defaults.quorum: must be at least 1, is 0", "defaults.expireAfter: must be a positive duration",
        "procedures.MemberFailure: no such procedure",
        "procedures.PoolRestore.gates.restore-database.groups: no group 'network'",
        "allowedSigners or webauthnCredentials must name a file")) {
      assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
  }

  @Test
  void anUnknownKeyIsAnErrorNotASilentDefault() throws Exception {
    Path p = write("p.yaml", "defaults: {qorum: 2}\n");
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyReader.read(p, PROCEDURES, false));
    assertTrue(e.getMessage().contains("unknown key 'qorum' at line 1"), e.getMessage());
  }

  @Test
  void aBadAllowedSignersLineIsRefusedWithTheFile() throws Exception {
    write("signers", "bob not-a-key-type AAAA\n");
    Path p = write("p.json", """
        {"signatures": {"allowedSigners": "signers", "unsignedDecisions": false, "unsignedStarts": true}}
        """);
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyReader.read(p, PROCEDURES, false));
    assertTrue(e.getMessage().contains("signatures.allowedSigners: allowed signers line 1"), e.getMessage());
  }

  @Test
  void aBadWebAuthnCredentialsFileIsRefusedAndAGoodOneIsRecordedWithItsDigest() throws Exception {
    write("webauthn.json", """
        {"rpId": "console.example.test", "origins": ["https://console.example.test"], "credentials": []}
        """);
    Path p = write("p.json", """
        {"signatures": {"webauthnCredentials": "webauthn.json"}}
        """);
    PolicyException e = assertThrows(PolicyException.class, () -> PolicyReader.read(p, PROCEDURES, false));
    assertTrue(e.getMessage().contains("signatures.webauthnCredentials: WebAuthn credentials:"), e.getMessage());
    assertTrue(e.getMessage().contains("requireUserVerification"), e.getMessage());

    String good = """
        {"rpId": "console.example.test", "origins": ["https://console.example.test"],
         "requireUserVerification": false, "credentials": []}
        """;
    write("webauthn.json", good);
    PolicyFile read = PolicyReader.read(p, PROCEDURES, false);
    RunPolicy run = read.resolve("MemberFailureRecovery");
    assertEquals(good, run.webauthnCredentials());
    assertEquals(BackupArtefact.sha256(good.getBytes(StandardCharsets.UTF_8)), run.webauthnCredentialsSha256());
    assertFalse(run.unsignedDecisions(), "a credentials file alone makes decisions signed-only by default");
    assertFalse(run.unsignedStarts());
  }

  @Test
  void withoutAFileTheBuiltInPolicyAppliesAndTheWorkersFlagDecidesAttestation() {
    RunPolicy p = PolicyFile.builtIn(true).resolve("MemberFailureRecovery");
    assertEquals(PolicyFile.BUILT_IN, p.source());
    assertTrue(p.unsignedDecisions() && p.unsignedStarts() && p.unfencedAttestation());
    assertEquals(1, p.rule().quorum());
    assertEquals(List.of(), p.rule().approvers());
  }
}
