package io.poolrescue.client.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
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

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void base64KeyFileWithTrailingNewlineIsRead() throws Exception {
    Path file = dir.resolve("k");
    Files.writeString(file, b64(bytes(32, 1)) + "\n");
    PayloadKeyring ring = PayloadKeyring.read(file);
    assertEquals(List.of(EncryptionKey.ofBytes(bytes(32, 1)).id()), ring.ids());
  }

  @Test
  void rawKeyFileIsRead() throws Exception {
    Path file = dir.resolve("k");
    byte[] raw = bytes(32, 9);
    raw[0] = (byte) 0xF3; // not base64 text
    Files.write(file, raw);
    assertEquals(EncryptionKey.ofBytes(raw).id(), PayloadKeyring.read(file).current().id());
  }

  @Test
  void severalKeysWithCommentsFirstOneSeals() throws Exception {
    Path file = dir.resolve("k");
    Files.writeString(file, "# current\n" + b64(bytes(32, 2)) + "\n\n# before the rotation\n" + b64(bytes(32, 3)) + "\n");
    PayloadKeyring ring = PayloadKeyring.read(file);
    assertEquals(EncryptionKey.ofBytes(bytes(32, 2)).id(), ring.current().id());
    assertEquals(2, ring.ids().size());
    assertTrue(ring.find(EncryptionKey.ofBytes(bytes(32, 3)).id()).isPresent());
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
    KeyFileException e = assertThrows(KeyFileException.class, () -> PayloadKeyring.read(file));
    assertEquals(
        "key file " + file + " does not exist (create one with: head -c 32 /dev/urandom | base64 > FILE)",
        e.getMessage());
  }

  @Test
  void shortKeyIsRefusedWithItsLine() throws Exception {
    Path file = dir.resolve("short.key");
    Files.writeString(file, "# a comment\n" + b64(bytes(16, 3)) + "\n");
    KeyFileException e = assertThrows(KeyFileException.class, () -> PayloadKeyring.read(file));
    assertTrue(e.getMessage().startsWith("key file " + file + " line 2 holds a 16-byte key; AES-256 needs 32 bytes"),
        e.getMessage());
  }

  @Test
  void garbageKeyFileIsRefused() throws Exception {
    Path file = dir.resolve("garbage.key");
    Files.writeString(file, "not a key at all!", StandardCharsets.US_ASCII);
    KeyFileException e = assertThrows(KeyFileException.class, () -> PayloadKeyring.read(file));
    assertTrue(e.getMessage().startsWith("key file " + file + " line 1 is not base64 text"), e.getMessage());
  }

  @Test
  void emptyKeyFileIsRefused() throws Exception {
    Path file = dir.resolve("empty.key");
    Files.writeString(file, "# nothing yet\n");
    KeyFileException e = assertThrows(KeyFileException.class, () -> PayloadKeyring.read(file));
    assertTrue(e.getMessage().startsWith("key file " + file + " holds no key"), e.getMessage());
  }

  @Test
  void factoryReportsKeyFileProblemsToo() {
    Path file = dir.resolve("absent.key");
    assertThrows(KeyFileException.class, () -> PoolRescueDataConverter.create(file));
  }
}
