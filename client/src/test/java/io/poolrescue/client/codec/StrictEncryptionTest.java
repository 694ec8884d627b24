package io.poolrescue.client.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.client.temporal.TemporalTarget;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** With strict encryption a payload that is not sealed is an error, named by its encoding. */
class StrictEncryptionTest {
  @TempDir Path dir;

  private Path keyFile() throws Exception {
    byte[] raw = new byte[EncryptionKey.KEY_BYTES];
    new SecureRandom().nextBytes(raw);
    return Files.writeString(dir.resolve("payload.key"), Base64.getEncoder().encodeToString(raw) + "\n");
  }

  private static Payload plaintext(String value) {
    return PoolRescueDataConverter.plain().toPayload(value).orElseThrow();
  }

  @Test
  void theStrictCodecRefusesAPlaintextPayloadAndOpensSealedOnes() throws Exception {
    PayloadKeyring keys = PayloadKeyring.read(keyFile());
    AesGcmPayloadCodec strict = new AesGcmPayloadCodec(keys, true);
    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> strict.decode(List.of(plaintext("edited in the clear"))));
    assertEquals("a plaintext payload (encoding json/plain) where strict encryption is on (--strict-encryption, "
        + "POOLRESCUE_STRICT_ENCRYPTION): only payloads sealed with encoding binary/encrypted are accepted",
        e.getMessage());
    Payload bare = Payload.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8("x")).build();
    assertTrue(assertThrows(PayloadCodecException.class, () -> strict.decode(List.of(bare))).getMessage()
        .contains("(encoding none)"));

    Payload sealed = strict.encode(List.of(plaintext("genuine"))).get(0);
    assertEquals(plaintext("genuine"), strict.decode(List.of(sealed)).get(0));
    // the lenient codec (the default) still reads runs started before encryption was on
    assertEquals(plaintext("old run"), new AesGcmPayloadCodec(keys).decode(List.of(plaintext("old run"))).get(0));
  }

  @Test
  void theConverterOfAStrictTargetRefusesPlaintextValues() throws Exception {
    DataConverter strict = PoolRescueDataConverter.create(keyFile(), true);
    assertEquals("sealed", strict.fromPayload(strict.toPayload("sealed").orElseThrow(), String.class, String.class));
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> strict.fromPayload(plaintext("spoofed approver"), String.class, String.class));
    assertTrue(causes(e).contains("strict encryption is on"), causes(e));

    DataConverter lenient = PoolRescueDataConverter.create(keyFile(), false);
    assertEquals("old", lenient.fromPayload(plaintext("old"), String.class, String.class));
  }

  @Test
  void theSharedOptionSwitchesItOnAndNeedsAKey() throws Exception {
    Path key = keyFile();
    TemporalOptions on = new TemporalOptions();
    new CommandLine(new Holder(on)).parseArgs("--payload-key-file", key.toString(), "--strict-encryption");
    TemporalTarget target = on.target();
    assertTrue(target.strictEncryption());

    TemporalOptions off = new TemporalOptions();
    new CommandLine(new Holder(off)).parseArgs("--payload-key-file", key.toString());
    assertFalse(off.target().strictEncryption(), "off unless asked for (or POOLRESCUE_STRICT_ENCRYPTION=true)");

    TemporalOptions noKey = new TemporalOptions();
    new CommandLine(new Holder(noKey)).parseArgs("--strict-encryption");
    assertEquals("--strict-encryption (POOLRESCUE_STRICT_ENCRYPTION) needs --payload-key-file: without a key nothing "
        + "is encrypted", assertThrows(IllegalArgumentException.class, noKey::target).getMessage());
  }

  @CommandLine.Command(name = "holder")
  static final class Holder {
    @CommandLine.Mixin TemporalOptions options;

    Holder(TemporalOptions options) {
      this.options = options;
    }
  }

  private static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append(" / ");
    }
    return sb.toString();
  }
}
