package io.poolrescue.client.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {

  private static final String SECRET_TEXT = "forget host 3f1c-secret-evidence";

  private static EncryptionKey randomKey() {
    byte[] raw = new byte[EncryptionKey.KEY_BYTES];
    new SecureRandom().nextBytes(raw);
    return EncryptionKey.ofBytes(raw);
  }

  private static Payload plainPayload() {
    return PoolRescueDataConverter.plain().toPayload(SECRET_TEXT).orElseThrow();
  }

  @Test
  void roundTripRestoresTheExactPayload() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(PayloadKeyring.of(randomKey()));
    Payload plain = plainPayload();

    Payload sealed = codec.encode(List.of(plain)).get(0);
    Payload opened = codec.decode(List.of(sealed)).get(0);

    assertEquals(plain, opened);
    assertTrue(AesGcmPayloadCodec.isEncrypted(sealed));
    assertFalse(sealed.getData().toStringUtf8().contains("secret"));
  }

  @Test
  void sealedPayloadNamesEncodingAndKeyButNotTheContent() {
    EncryptionKey key = randomKey();
    Payload sealed = new AesGcmPayloadCodec(PayloadKeyring.of(key)).encode(List.of(plainPayload())).get(0);

    assertEquals("binary/encrypted", sealed.getMetadataOrThrow("encoding").toStringUtf8());
    assertEquals(key.id(), AesGcmPayloadCodec.keyIdOf(sealed));
    // only our two metadata entries: the original json/plain encoding is inside the ciphertext
    assertEquals(2, sealed.getMetadataCount());
  }

  @Test
  void everyEncryptionUsesAFreshIv() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(PayloadKeyring.of(randomKey()));
    Payload a = codec.encode(List.of(plainPayload())).get(0);
    Payload b = codec.encode(List.of(plainPayload())).get(0);

    byte[] ivA = a.getData().substring(0, AesGcmPayloadCodec.IV_BYTES).toByteArray();
    byte[] ivB = b.getData().substring(0, AesGcmPayloadCodec.IV_BYTES).toByteArray();
    assertNotEquals(ByteString.copyFrom(ivA), ByteString.copyFrom(ivB));
    assertNotEquals(a.getData(), b.getData());
  }

  @Test
  void alteredCiphertextIsDetected() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(PayloadKeyring.of(randomKey()));
    Payload sealed = codec.encode(List.of(plainPayload())).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 5] ^= 0x01;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

    PayloadCodecException e = assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(tampered)));
    assertTrue(e.getMessage().contains("altered"), e.getMessage());
  }

  @Test
  void truncatedCiphertextIsDetected() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(PayloadKeyring.of(randomKey()));
    Payload sealed = codec.encode(List.of(plainPayload())).get(0);
    Payload cut = sealed.toBuilder().setData(sealed.getData().substring(0, 10)).build();

    PayloadCodecException e = assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(cut)));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void relabelledKeyIdIsDetected() {
    EncryptionKey key = randomKey();
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(PayloadKeyring.of(key));
    Payload sealed = codec.encode(List.of(plainPayload())).get(0);
    // an attacker cannot make another key's payload pass as ours: the id is authenticated data
    EncryptionKey other = randomKey();
    Payload relabelled =
        new AesGcmPayloadCodec(PayloadKeyring.of(other)).encode(List.of(plainPayload())).get(0).toBuilder()
            .putMetadata(AesGcmPayloadCodec.KEY_ID_METADATA, ByteString.copyFromUtf8(key.id()))
            .build();

    assertEquals(plainPayload(), codec.decode(List.of(sealed)).get(0));
    PayloadCodecException e = assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(relabelled)));
    assertTrue(e.getMessage().contains("altered"), e.getMessage());
  }

  @Test
  void wrongKeyGivesAClearError() {
    EncryptionKey writer = randomKey();
    EncryptionKey reader = randomKey();
    Payload sealed = new AesGcmPayloadCodec(PayloadKeyring.of(writer)).encode(List.of(plainPayload())).get(0);

    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> new AesGcmPayloadCodec(PayloadKeyring.of(reader)).decode(List.of(sealed)));
    assertEquals(
        "payload was encrypted with key " + writer.id() + " but the key file holds key " + reader.id(),
        e.getMessage());
  }

  @Test
  void plaintextPayloadsStillDecode() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(PayloadKeyring.of(randomKey()));
    Payload plain = plainPayload();
    assertEquals(plain, codec.decode(List.of(plain)).get(0));
  }

  @Test
  void dataConverterWithKeyRoundTripsValuesAndHidesThem() {
    DataConverter converter = PoolRescueDataConverter.encrypted(randomKey());
    Payload payload = converter.toPayload(SECRET_TEXT).orElseThrow();

    assertFalse(new String(payload.toByteArray(), StandardCharsets.ISO_8859_1).contains("secret-evidence"));
    assertEquals(SECRET_TEXT, converter.fromPayload(payload, String.class, String.class));
    assertArrayEquals(
        PoolRescueDataConverter.plain().toPayload(SECRET_TEXT).orElseThrow().getData().toByteArray(),
        PoolRescueDataConverter.create(Optional.empty()).toPayload(SECRET_TEXT).orElseThrow().getData().toByteArray());
  }

  @Test
  void rotatedKeyringSealsWithTheNewKeyAndOpensWithTheOld() {
    EncryptionKey old = randomKey();
    EncryptionKey fresh = randomKey();
    Payload sealedBefore = new AesGcmPayloadCodec(PayloadKeyring.of(old)).encode(List.of(plainPayload())).get(0);

    AesGcmPayloadCodec rotated = new AesGcmPayloadCodec(PayloadKeyring.of(fresh, old));
    Payload sealedAfter = rotated.encode(List.of(plainPayload())).get(0);

    assertEquals(fresh.id(), AesGcmPayloadCodec.keyIdOf(sealedAfter));
    assertEquals(plainPayload(), rotated.decode(List.of(sealedBefore)).get(0));
    assertEquals(plainPayload(), rotated.decode(List.of(sealedAfter)).get(0));
  }

  @Test
  void payloadOfAKeyNotInTheRingNamesBoth() {
    EncryptionKey writer = randomKey();
    EncryptionKey a = randomKey();
    EncryptionKey b = randomKey();
    Payload sealed = new AesGcmPayloadCodec(PayloadKeyring.of(writer)).encode(List.of(plainPayload())).get(0);

    PayloadCodecException e = assertThrows(PayloadCodecException.class,
        () -> new AesGcmPayloadCodec(PayloadKeyring.of(a, b)).decode(List.of(sealed)));
    assertEquals("payload was encrypted with key " + writer.id() + " but the key file holds key " + a.id() + ", "
        + b.id(), e.getMessage());
  }
}
