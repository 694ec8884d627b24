package io.poolrescue.pool.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialSourceTest {
  @TempDir Path dir;

  @Test
  void readsAFileIgnoringOneTrailingLineBreak() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "s3cret with space\r\n");
    CredentialSource source = CredentialSource.parse("file:" + file);
    assertInstanceOf(CredentialSource.FromFile.class, source);
    assertEquals("s3cret with space", source.password());
    assertEquals("file:" + file, source.toString());
  }

  @Test
  void aMissingFileIsAClearErrorNamingTheSource() {
    Path missing = dir.resolve("nope");
    CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
        () -> CredentialSource.parse("file:" + missing).password());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void anEmptyFileIsRefused() throws Exception {
    Path file = dir.resolve("empty");
    Files.writeString(file, "\n");
    assertThrows(CredentialsUnavailableException.class, () -> new CredentialSource.FromFile(file).password());
  }

  /** Surefire sets POOLRESCUE_TEST_XAPI_PASSWORD for this module (see pool/pom.xml). */
  @Test
  void readsARealEnvironmentVariable() {
    CredentialSource source = CredentialSource.parse("env:POOLRESCUE_TEST_XAPI_PASSWORD");
    assertEquals("poolrescue-sim", source.password());
    assertEquals("env:POOLRESCUE_TEST_XAPI_PASSWORD", source.toString());
  }

  @Test
  void anUnsetVariableIsAClearError() {
    CredentialSource source = new CredentialSource.FromEnv("XAPI_PW", Map.<String, String>of()::get);
    CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class, source::password);
    assertTrue(e.getMessage().contains("env:XAPI_PW"), e.getMessage());
  }

  @Test
  void unknownReferenceFormsAreRefused() {
    for (String bad : new String[] {"hunter2", "file:", "env:", "vault:x"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CredentialSource.parse(bad));
      assertTrue(e.getMessage().contains("file:<path> or env:<NAME>"), e.getMessage());
    }
  }

  @Test
  void theSecretNeverShowsInToStringOrConfig() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "topsecret");
    XapiClientConfig config = XapiClientConfig.builder().credentials("file:" + file).build();
    assertFalse(config.toString().contains("topsecret"));
    assertFalse(new CredentialSource.FromEnv("X", n -> "topsecret").toString().contains("topsecret"));
  }
}
