package io.poolrescue.client.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one place that builds the {@link DataConverter} of every poolrescue client: the worker, the
 * CLI and the audit must agree on it, or they cannot read each other's payloads.
 */
public final class PoolRescueDataConverter {

  private PoolRescueDataConverter() {}

  /** Plain JSON payloads when no key file is configured, AES-GCM sealed payloads otherwise. */
  public static DataConverter create(Optional<Path> keyFile) {
    return create(keyFile, false);
  }

  /**
   * As {@link #create(Optional)}; {@code strictEncryption} makes a plaintext payload an error when
   * decoding, and needs a key file.
   */
  public static DataConverter create(Optional<Path> keyFile, boolean strictEncryption) {
    if (strictEncryption && keyFile.isEmpty()) {
      throw new IllegalArgumentException(STRICT_NEEDS_KEY);
    }
    return keyFile
        .map(PayloadKeyring::read)
        .map(keys -> encrypted(keys, strictEncryption))
        .orElseGet(PoolRescueDataConverter::plain);
  }

  /** Same as {@link #create(Optional, boolean)} for a nullable path. */
  public static DataConverter create(Path keyFileOrNull, boolean strictEncryption) {
    return create(Optional.ofNullable(keyFileOrNull), strictEncryption);
  }

  static final String STRICT_NEEDS_KEY =
      "--strict-encryption (POOLRESCUE_STRICT_ENCRYPTION) needs --payload-key-file: without a key nothing is encrypted";

  /** Same as {@link #create(Optional)} for a nullable path, as picocli options give them. */
  public static DataConverter create(Path keyFileOrNull) {
    return create(Optional.ofNullable(keyFileOrNull));
  }

  public static DataConverter plain() {
    return DefaultDataConverter.newDefaultInstance();
  }

  /** Failure messages and stack traces are sealed too (third argument), not only failure details. */
  public static DataConverter encrypted(PayloadKeyring keys) {
    return encrypted(keys, false);
  }

  /** @param strict a plaintext payload is an error when decoding (see {@link AesGcmPayloadCodec}) */
  public static DataConverter encrypted(PayloadKeyring keys, boolean strict) {
    return new CodecDataConverter(plain(), List.of(new AesGcmPayloadCodec(keys, strict)), true);
  }

  public static DataConverter encrypted(EncryptionKey key) {
    return encrypted(PayloadKeyring.of(key));
  }
}
