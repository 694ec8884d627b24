package io.poolrescue.signing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Writes the SSH wire format; used to rebuild the exact bytes a signature covers. */
final class SshEncoder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  SshEncoder u8(int v) {
    out.write(v & 0xff);
    return this;
  }

  SshEncoder u32(long v) {
    out.write((int) (v >>> 24) & 0xff);
    out.write((int) (v >>> 16) & 0xff);
    out.write((int) (v >>> 8) & 0xff);
    out.write((int) v & 0xff);
    return this;
  }

  SshEncoder raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  SshEncoder string(byte[] bytes) {
    return u32(bytes.length).raw(bytes);
  }

  SshEncoder string(String s) {
    return string(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Two's complement, minimal, with a leading zero byte when the top bit is set (RFC 4251). */
  SshEncoder mpint(BigInteger v) {
    return string(v.signum() == 0 ? new byte[0] : v.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
