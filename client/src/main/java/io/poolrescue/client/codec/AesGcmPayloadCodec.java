package io.poolrescue.client.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals every Temporal payload with AES-256-GCM so that requests, results and failure texts are
 * unreadable in the server's database and in exported histories.
 *
 * <p>An encrypted payload carries encoding {@value #ENCODING} and the key id in its metadata; its
 * data is a fresh random 96-bit IV followed by the GCM ciphertext of the whole original payload
 * (metadata included). The key id is also bound as associated data, so relabelling a payload with
 * another key id is detected like any other tampering. New payloads are sealed with the keyring's
 * current key; older keys still open the payloads they sealed.
 *
 * <p>A payload that is not sealed (written before encryption was switched on) is passed through as it
 * is, unless the codec is <em>strict</em>: then it is an error, so a history edited in the clear (a
 * payload swapped for readable JSON) cannot be read as if it were genuine.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID_METADATA = "encryption-key-id";
  static final int IV_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);

  private final PayloadKeyring keys;
  private final boolean strict;
  private final SecureRandom random = new SecureRandom();

  /** Accepts plaintext payloads when decoding (runs started before encryption was switched on). */
  public AesGcmPayloadCodec(PayloadKeyring keys) {
    this(keys, false);
  }

  /** @param strict refuse any payload that is not sealed when decoding */
  public AesGcmPayloadCodec(PayloadKeyring keys, boolean strict) {
    this.keys = keys;
    this.strict = strict;
  }

  public boolean strict() {
    return strict;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::seal).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::open).toList();
  }

  /** True when the payload was sealed by this codec (with any key). */
  public static boolean isEncrypted(Payload payload) {
    return ENCODING_BYTES.equals(payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, null));
  }

  /** The payload's encoding metadata, e.g. {@code json/plain}, or {@code "none"} when it has none. */
  public static String encodingOf(Payload payload) {
    ByteString encoding = payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, null);
    return encoding == null ? "none" : encoding.toStringUtf8();
  }

  /** The id of the key that sealed the payload, or null when it is not encrypted. */
  public static String keyIdOf(Payload payload) {
    ByteString id = payload.getMetadataOrDefault(KEY_ID_METADATA, null);
    return id == null ? null : id.toStringUtf8();
  }

  private Payload seal(Payload plain) {
    EncryptionKey key = keys.current();
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] sealed;
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv);
      sealed = cipher.doFinal(plain.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("AES-GCM encryption failed: " + e.getMessage(), e);
    }
    return Payload.newBuilder()
        .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ENCODING_BYTES)
        .putMetadata(KEY_ID_METADATA, ByteString.copyFromUtf8(key.id()))
        .setData(ByteString.copyFrom(iv).concat(ByteString.copyFrom(sealed)))
        .build();
  }

  private Payload open(Payload payload) {
    if (!isEncrypted(payload)) {
      if (strict) {
        throw new PayloadCodecException("a plaintext payload (encoding " + encodingOf(payload) + ") where strict "
            + "encryption is on (--strict-encryption, POOLRESCUE_STRICT_ENCRYPTION): only payloads sealed with "
            + "encoding " + ENCODING + " are accepted");
      }
      // Written before encryption was switched on: readable as it is.
      return payload;
    }
    String keyId = keyIdOf(payload);
    EncryptionKey key =
        keys.find(keyId).orElseThrow(() -> new PayloadCodecException(
            "payload was encrypted with key " + keyId + " but the key file holds key "
                + String.join(", ", keys.ids())));
    byte[] data = payload.getData().toByteArray();
    if (data.length < IV_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException("encrypted payload is truncated (" + data.length + " bytes)");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(data, IV_BYTES));
      byte[] plain = cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
      return Payload.parseFrom(plain);
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException(
          "encrypted payload failed authentication with key " + key.id() + ": it was altered");
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException("encrypted payload cannot be opened: " + e.getMessage(), e);
    }
  }

  private static Cipher cipher(int mode, EncryptionKey key, byte[] iv) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key.secretKey(), new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(key.id().getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
