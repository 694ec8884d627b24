package io.poolrescue.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The allowed_signers reader on hand-written files (the interop test compares it with ssh-keygen). */
class AllowedSignersTest {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @TempDir
  static Path dir;
  static SshPublicKey a;
  static SshPublicKey b;

  @BeforeAll
  static void keys() {
    a = OpenSsh.publicKey(OpenSsh.newKey(dir, "a", "ed25519", 0));
    b = OpenSsh.publicKey(OpenSsh.newKey(dir, "b", "ecdsa", 256));
  }

  @Test
  void readsEveryField() {
    String text = "# team keys\n"
        + "\n"
        + "   # indented comment\n"
        + "alice@example.com,bob@example.com " + a.toOpenSsh() + " alice's laptop\r\n"
        + "*@ops.example.com NameSpaces=\"poolrescue,git\",VALID-AFTER=\"20260101Z\",valid-before=\"202701011200\" "
        + b.toOpenSsh() + "\n"
        + "\"carol@example.com\" cert-authority " + b.toOpenSsh() + "\n";
    AllowedSigners signers = AllowedSigners.parse(text);
    assertEquals(text, signers.text());
    List<AllowedSigner> e = signers.entries();
    assertEquals(3, e.size());
    assertEquals(new AllowedSigner(List.of("alice@example.com", "bob@example.com"), List.of(), a, null, null, false), e.get(0));
    assertEquals(List.of("poolrescue", "git"), e.get(1).namespaces());
    assertEquals("20260101Z", e.get(1).validAfter());
    assertEquals("202701011200", e.get(1).validBefore());
    assertEquals(b, e.get(1).key());
    assertTrue(e.get(2).certAuthority());
    assertEquals(List.of("carol@example.com"), e.get(2).principals());
    assertNull(e.get(2).validAfter());
  }

  @Test
  void anEmptyFileAllowsNoOne() {
    AllowedSigners none = AllowedSigners.parse("# nobody yet\n");
    assertTrue(none.entries().isEmpty());
    assertFalse(none.allows("alice@example.com", a, "poolrescue", NOW));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "alice@example.com|alice@example.com|true",
      "alice@example.com|Alice@example.com|false",
      "*@example.com|alice@example.com|true",
      "*@example.com|alice@example.org|false",
      "?lice@example.com|alice@example.com|true",
      "?lice@example.com|aalice@example.com|false",
      "*@example.com,!mallory@example.com|mallory@example.com|false",
      "!mallory@example.com,*@example.com|mallory@example.com|false",
      "!mallory@example.com|alice@example.com|false",
      "a*b*c|aXbYbZc|true",
      "a*b*c|aXbYbZ|false",
      "*|anyone|true"})
  void principalPatternsMatchAsOpenSsh(String patterns, String principal, boolean allowed) {
    AllowedSigners s = AllowedSigners.parse(patterns + " " + a.toOpenSsh());
    assertEquals(allowed, s.allows(principal, a, "poolrescue", NOW));
  }

  @Test
  void namespacesAndTimes() {
    AllowedSigners s = AllowedSigners.parse("alice@example.com namespaces=\"pool*,!pool-test\",valid-after=\"20260101\","
        + "valid-before=\"20261231235959Z\" " + a.toOpenSsh());
    assertTrue(s.allows("alice@example.com", a, "poolrescue", NOW));
    assertFalse(s.allows("alice@example.com", a, "pool-test", NOW));
    assertFalse(s.allows("alice@example.com", a, "git", NOW));
    assertTrue(s.allows("alice@example.com", a, "poolrescue", Instant.parse("2026-01-01T00:00:00Z")), "valid-after is inclusive");
    assertFalse(s.allows("alice@example.com", a, "poolrescue", Instant.parse("2025-12-31T23:59:59Z")));
    assertTrue(s.allows("alice@example.com", a, "poolrescue", Instant.parse("2026-12-31T23:59:59.900Z")),
        "valid-before is inclusive, to the second as ssh-keygen");
    assertFalse(s.allows("alice@example.com", a, "poolrescue", Instant.parse("2027-01-01T00:00:00Z")));
    assertFalse(s.allows("alice@example.com", b, "poolrescue", NOW), "another key");
  }

  @Test
  void principalsOfNamesOnlyLiteralAllowedPrincipals() {
    AllowedSigners s = AllowedSigners.parse(String.join("\n",
        "alice@example.com,*@ops.example.com,!bob@example.com,bob@example.com " + a.toOpenSsh(),
        "carol@example.com,alice@example.com namespaces=\"git\" " + a.toOpenSsh(),
        "dave@example.com valid-before=\"20250101Z\" " + a.toOpenSsh(),
        "erin@example.com cert-authority " + a.toOpenSsh(),
        "frank@example.com " + b.toOpenSsh()));
    assertEquals(List.of("alice@example.com"), s.principalsOf(a, "poolrescue", NOW));
    assertEquals(List.of("alice@example.com", "carol@example.com"), s.principalsOf(a, "git", NOW));
    assertEquals(List.of("alice@example.com", "dave@example.com"), s.principalsOf(a, "poolrescue",
        Instant.parse("2024-06-01T00:00:00Z")));
    assertEquals(List.of("frank@example.com"), s.principalsOf(b, "poolrescue", NOW));
  }

  @Test
  void certAuthorityLinesNeverMatchAndTheRefusalSaysSo() {
    AllowedSigners s = AllowedSigners.parse("*@example.com cert-authority " + a.toOpenSsh());
    assertFalse(s.allows("alice@example.com", a, "poolrescue", NOW));
    assertTrue(s.principalsOf(a, "poolrescue", NOW).isEmpty());
    String why = s.whyNot("alice@example.com", a, "poolrescue", NOW);
    assertTrue(why.contains("line 1 is a cert-authority entry"), why);
    assertTrue(why.contains("does not accept SSH certificates"), why);
  }

  @Test
  void refusalsExplainWhichLineSaidNo() {
    AllowedSigners s = AllowedSigners.parse(String.join("\n", "# header",
        "alice@example.com namespaces=\"git\" " + a.toOpenSsh(),
        "bob@example.com " + a.toOpenSsh(),
        "carol@example.com valid-before=\"20250101Z\" " + a.toOpenSsh()));
    assertEquals("key " + a.fingerprint() + " is not allowed to sign as 'alice@example.com' for namespace 'poolrescue': "
        + "line 2 allows the key for namespaces git only, not 'poolrescue'; line 3 lists the key for bob@example.com, "
        + "not 'alice@example.com'; line 4 lists the key for carol@example.com, not 'alice@example.com'",
        s.whyNot("alice@example.com", a, "poolrescue", NOW));
    assertTrue(s.whyNot("carol@example.com", a, "poolrescue", NOW).contains("line 4 allowed the key only until 2025-01-01T00:00:00Z"));
    assertTrue(s.whyNot("alice@example.com", b, "poolrescue", NOW).endsWith("no allowed signers line lists that key"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "alice@example.com|2|a key is missing",
      "alice@example.com namespaces=\"git\"|2|a key is missing after the options",
      "alice@example.com bogus KEY|2|unknown option 'bogus'",
      "alice@example.com namespaces=git KEY|2|must be in double quotes",
      "alice@example.com namespaces=\"git KEY|2|not closed",
      "alice@example.com valid-after=\"2026-01-01\" KEY|2|not a time",
      "alice@example.com valid-after=\"20261301\" KEY|2|not a valid date",
      "alice@example.com valid-after=\"20260101\",valid-after=\"20260102\" KEY|2|given twice",
      "alice@example.com valid-after=\"20270101\",valid-before=\"20260101\" KEY|2|valid-before is not after valid-after",
      "alice@example.com cert-authority,,namespaces=\"a\" KEY|2|unknown option ''",
      "alice@example.com namespaces=\"a,,b\" KEY|2|empty entry",
      "alice@example.com,,bob@example.com KEY|2|empty entry",
      "alice@example.com ssh-ed25519 AAAA|2|key",
      "alice@example.com ssh-ed25519|2|no base64 data",
      "alice@example.com foo=\"bar\" ssh-ed25519 AAAA|2|unknown option 'foo'",
      "alice@example.com namespaces=\"a\" notakeytype AAAA|2|'notakeytype' is not an SSH key type"})
  void aBadLineIsRefusedWithItsNumber(String line, int number, String expected) {
    String text = "# first line is a comment\n" + line.replace("KEY", a.toOpenSsh()) + "\n";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllowedSigners.parse(text));
    assertTrue(e.getMessage().startsWith("allowed signers line " + number + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void quotedValuesMayHoldEscapedQuotesAndSpaces() {
    AllowedSigners s = AllowedSigners.parse("alice@example.com namespaces=\"a b,c\\\"d\" " + a.toOpenSsh());
    assertEquals(List.of("a b", "c\"d"), s.entries().get(0).namespaces());
    assertTrue(s.allows("alice@example.com", a, "a b", NOW));
  }
}
