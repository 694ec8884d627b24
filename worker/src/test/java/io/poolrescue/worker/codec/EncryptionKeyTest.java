package io.poolrescue.worker.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeyTest {

  @TempDir Path dir;

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + i * 7);
    }
    return b;
  }

  @Test
  void base64KeyFileWithTrailingNewlineIsRead() throws Exception {
    Path file = dir.resolve("k");
    Files.writeString(file, Base64.getEncoder().encodeToString(bytes(32, 1)) + "\n");
    EncryptionKey key = EncryptionKey.read(file);
    assertEquals(EncryptionKey.ofBytes(bytes(32, 1)).id(), key.id());
  }

  @Test
  void rawKeyFileIsRead() throws Exception {
    Path file = dir.resolve("k");
    Files.write(file, bytes(32, 9));
    assertEquals(EncryptionKey.ofBytes(bytes(32, 9)).id(), EncryptionKey.read(file).id());
  }

  @Test
  void keyIdDependsOnTheKeyAndDoesNotRevealIt() {
    EncryptionKey a = EncryptionKey.ofBytes(bytes(32, 1));
    EncryptionKey b = EncryptionKey.ofBytes(bytes(32, 2));
    assertNotEquals(a.id(), b.id());
    assertTrue(a.id().matches("k-[0-9a-f]{12}"), a.id());
    assertTrue(a.toString().contains(a.id()));
  }

  @Test
  void missingKeyFileNamesTheFileAndTheFix() {
    Path file = dir.resolve("absent.key");
    KeyFileException e = assertThrows(KeyFileException.class, () -> EncryptionKey.read(file));
    assertEquals(
        "key file " + file + " does not exist (create one with: head -c 32 /dev/urandom | base64 > FILE)",
        e.getMessage());
  }

  @Test
  void shortKeyIsRefused() throws Exception {
    Path file = dir.resolve("short.key");
    Files.writeString(file, Base64.getEncoder().encodeToString(bytes(16, 3)));
    KeyFileException e = assertThrows(KeyFileException.class, () -> EncryptionKey.read(file));
    assertTrue(e.getMessage().startsWith("key file " + file + " holds a 16-byte key; AES-256 needs 32 bytes"),
        e.getMessage());
  }

  @Test
  void garbageKeyFileIsRefused() throws Exception {
    Path file = dir.resolve("garbage.key");
    Files.writeString(file, "not a key at all!", StandardCharsets.US_ASCII);
    KeyFileException e = assertThrows(KeyFileException.class, () -> EncryptionKey.read(file));
    assertTrue(e.getMessage().contains("neither a raw 32-byte key nor base64 text"), e.getMessage());
  }

  @Test
  void emptyKeyFileIsRefused() throws Exception {
    Path file = dir.resolve("empty.key");
    Files.writeString(file, "");
    KeyFileException e = assertThrows(KeyFileException.class, () -> EncryptionKey.read(file));
    assertTrue(e.getMessage().contains("holds a 0-byte key"), e.getMessage());
  }

  @Test
  void factoryReportsKeyFileProblemsToo() {
    Path file = dir.resolve("absent.key");
    assertThrows(KeyFileException.class, () -> PoolRescueDataConverter.create(file));
  }
}
