package io.poolrescue.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same allowed_signers file asked the same questions of the real ssh-keygen and of
 * AllowedSigners/SshSignatures: every answer must agree (the few documented differences are
 * checked as differences).
 */
class AllowedSignersInteropTest {
  static final byte[] MESSAGE = "start MemberFailureRecovery on pool-1\n".getBytes(StandardCharsets.UTF_8);
  static final List<String> NAMESPACES = List.of("poolrescue", "git", "file");
  static final List<String> PRINCIPALS = List.of("alice@example.com", "alice.ops@example.com", "ALICE@example.com",
      "mallory@ops.example.com", "ops1@ops.example.com", "carol@example.com", "dave@example.com", "erin@example.com",
      "frank@example.com", "frxnk@example.com", "fr@example.com", "zed@example.com");
  static final List<Instant> TIMES = List.of(Instant.parse("2023-06-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"),
      Instant.parse("2024-06-01T10:00:00Z"), Instant.parse("2025-01-01T12:00:00Z"), Instant.parse("2025-01-01T12:00:01Z"));
  static final DateTimeFormatter SSH_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  @TempDir
  static Path dir;
  static final Map<String, Path> keys = new LinkedHashMap<>();
  static Path file;
  static AllowedSigners signers;

  @BeforeAll
  static void setUp() {
    keys.put("A", OpenSsh.newKey(dir, "A", "ed25519", 0));
    keys.put("B", OpenSsh.newKey(dir, "B", "ecdsa", 256));
    keys.put("C", OpenSsh.newKey(dir, "C", "rsa", 3072));
    keys.put("D", OpenSsh.newKey(dir, "D", "ed25519", 0));
    keys.put("E", OpenSsh.newKey(dir, "E", "ed25519", 0));
    keys.put("X", OpenSsh.newKey(dir, "X", "ed25519", 0)); // listed nowhere
    String text = String.join("\n",
        "# poolrescue operators",
        "alice@example.com,alice.ops@example.com " + pub("A") + " alice",
        "*@ops.example.com,!mallory@ops.example.com namespaces=\"poolrescue,file\" " + pub("B"),
        "carol@example.com namespaces=\"git\" " + pub("C"),
        "carol@example.com,dave@example.com valid-after=\"20240101\",valid-before=\"20250101120000Z\" " + pub("C"),
        "",
        "erin@example.com namespaces=\"pool*,!poolx\" " + pub("D"),
        "*@example.com cert-authority " + pub("E"),
        "fr?nk@example.com " + pub("E"),
        "");
    file = OpenSsh.write(dir.resolve("allowed_signers"), text);
    signers = AllowedSigners.parse(text);
  }

  static String pub(String name) {
    return OpenSsh.publicKey(keys.get(name)).toOpenSsh();
  }

  /** Every key, namespace and principal at one time, and the time-limited key C at each time. */
  @Test
  void verifyAgreesWithSshKeygen() {
    List<String> disagreements = new ArrayList<>();
    int allowed = 0;
    int checks = 0;
    for (String k : keys.keySet()) {
      for (String ns : NAMESPACES) {
        Path sig = OpenSsh.write(dir.resolve(k + "." + ns + ".sig"), OpenSsh.sign(keys.get(k), MESSAGE, ns));
        List<Instant> times = k.equals("C") && ns.equals("poolrescue") ? TIMES : List.of(TIMES.get(2));
        for (Instant at : times) {
          for (String principal : PRINCIPALS) {
            boolean theirs = OpenSsh.verify(file, principal, ns, sig, MESSAGE, SSH_TIME.format(at)).exit() == 0;
            boolean ours = ours(sig, ns, principal, at);
            checks++;
            allowed += ours ? 1 : 0;
            if (theirs != ours) {
              disagreements.add(k + " " + ns + " " + principal + " " + at + ": ssh-keygen " + theirs + ", poolrescue " + ours);
            }
          }
        }
      }
    }
    assertEquals(List.of(), disagreements);
    assertTrue(allowed >= 10 && allowed < checks / 2, allowed + " of " + checks + " allowed: the file must say both yes and no");
  }

  private static boolean ours(Path sig, String ns, String principal, Instant at) {
    try {
      SshSignatures.verify(java.nio.file.Files.readString(sig), MESSAGE, ns, principal, signers, at);
      return true;
    } catch (SignatureRefused e) {
      assertEquals(SignatureRefused.Reason.NOT_ALLOWED, e.reason(), e.getMessage());
      return false;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * ssh-keygen -Y find-principals prints the raw principals of the first line with the key (patterns
   * included, namespaces ignored); principalsOf gives the literal ones that are really allowed. For
   * keys on one line the two must agree after that filter.
   */
  @Test
  void findPrincipalsAgreesWithSshKeygen() {
    for (String k : List.of("A", "B", "D", "E", "X")) {
      SshPublicKey key = OpenSsh.publicKey(keys.get(k));
      Path sig = OpenSsh.write(dir.resolve(k + ".find.sig"), OpenSsh.sign(keys.get(k), MESSAGE, "poolrescue"));
      for (Instant at : TIMES) {
        List<String> theirs = OpenSsh.findPrincipals(file, sig, SSH_TIME.format(at));
        List<String> expected = theirs.stream()
            .filter(p -> SshPattern.isLiteral(p) && signers.allows(p, key, "poolrescue", at)).toList();
        assertEquals(expected, signers.principalsOf(key, "poolrescue", at), k + " at " + at + ", ssh-keygen: " + theirs);
      }
    }
    // what the filter removes: B's line names only patterns, so no one by name
    Path sigB = dir.resolve("B.find.sig");
    assertEquals(List.of("*@ops.example.com", "!mallory@ops.example.com"), OpenSsh.findPrincipals(file, sigB, "20260101Z"));
    assertEquals(List.of(), signers.principalsOf(OpenSsh.publicKey(keys.get("B")), "poolrescue", TIMES.get(2)));
    assertEquals(List.of("alice@example.com", "alice.ops@example.com"),
        signers.principalsOf(OpenSsh.publicKey(keys.get("A")), "poolrescue", TIMES.get(2)));
  }

  /** Key C is on two lines: find-principals stops at the first (namespace git); principalsOf reads both. */
  @Test
  void aKeyOnSeveralLines() {
    SshPublicKey c = OpenSsh.publicKey(keys.get("C"));
    Path sig = OpenSsh.write(dir.resolve("C.find.sig"), OpenSsh.sign(keys.get("C"), MESSAGE, "poolrescue"));
    assertEquals(List.of("carol@example.com"), OpenSsh.findPrincipals(file, sig, "20240601Z"));
    assertEquals(List.of("carol@example.com", "dave@example.com"), signers.principalsOf(c, "poolrescue", TIMES.get(2)));
    assertEquals(List.of("carol@example.com"), signers.principalsOf(c, "git", TIMES.get(0)));
    assertEquals(List.of(), signers.principalsOf(c, "poolrescue", TIMES.get(4)));
  }
}
