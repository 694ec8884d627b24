package io.poolrescue.signing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the SSH wire format (RFC 4251 section 5: byte, uint32, string, mpint). Every read checks
 * the length it is given against what is left, so a hostile blob can only make it throw
 * {@link IllegalArgumentException}, never read out of bounds or allocate more than the blob.
 */
final class SshBuffer {
  private final byte[] data;
  private int pos;

  SshBuffer(byte[] data) {
    this.data = data;
  }

  int u8() {
    need(1, "byte");
    return data[pos++] & 0xff;
  }

  long u32() {
    need(4, "uint32");
    long v = ((data[pos] & 0xffL) << 24) | ((data[pos + 1] & 0xffL) << 16) | ((data[pos + 2] & 0xffL) << 8)
        | (data[pos + 3] & 0xffL);
    pos += 4;
    return v;
  }

  byte[] raw(int n) {
    need(n, n + " bytes");
    byte[] out = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  byte[] string() {
    long len = u32();
    if (len > data.length - pos) {
      throw new IllegalArgumentException("a string of " + len + " bytes runs past the end of the data");
    }
    return raw((int) len);
  }

  /** A string that must be valid UTF-8 (names, namespaces). */
  String utf8() {
    byte[] bytes = string();
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a name is not valid UTF-8", e);
    }
  }

  /** A non-negative mpint (negative values have no use in keys or signatures, so they are refused). */
  BigInteger mpint() {
    byte[] bytes = string();
    if (bytes.length > 0 && (bytes[0] & 0x80) != 0) {
      throw new IllegalArgumentException("a number is negative");
    }
    return new BigInteger(1, bytes);
  }

  void expectEnd(String what) {
    if (pos != data.length) {
      throw new IllegalArgumentException(what + " has " + (data.length - pos) + " unexpected trailing bytes");
    }
  }

  private void need(int n, String what) {
    if (n < 0 || n > data.length - pos) {
      throw new IllegalArgumentException("the data ends before the expected " + what);
    }
  }
}
