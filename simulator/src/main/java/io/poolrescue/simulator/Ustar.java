package io.poolrescue.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Just enough POSIX ustar to write and read the metadata export: one regular file per entry. */
final class Ustar {
  static final int BLOCK = 512;

  record Entry(String name, byte[] content) {}

  private Ustar() {}

  static byte[] write(Entry... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      byte[] h = new byte[BLOCK];
      put(h, 0, 100, e.name());
      put(h, 100, 8, "0000644");
      put(h, 108, 8, "0000000");
      put(h, 116, 8, "0000000");
      put(h, 124, 12, String.format("%011o", e.content().length));
      put(h, 136, 12, String.format("%011o", 0));
      Arrays.fill(h, 148, 156, (byte) ' ');
      h[156] = '0';
      put(h, 257, 6, "ustar");
      put(h, 263, 2, "00");
      int sum = 0;
      for (byte b : h) {
        sum += b & 0xFF;
      }
      put(h, 148, 8, String.format("%06o", sum));
      h[154] = 0;
      h[155] = ' ';
      out.writeBytes(h);
      out.writeBytes(e.content());
      int pad = (BLOCK - e.content().length % BLOCK) % BLOCK;
      out.writeBytes(new byte[pad]);
    }
    out.writeBytes(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  /** The first entry of the stream; a damaged header is an IllegalArgumentException. */
  static Entry first(byte[] tar) {
    if (tar == null || tar.length < BLOCK) {
      throw new IllegalArgumentException("truncated tar stream");
    }
    byte[] h = Arrays.copyOf(tar, BLOCK);
    long declared = octal(h, 148, 8);
    int sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
    }
    if (declared != sum) {
      throw new IllegalArgumentException("not a tar stream (header checksum mismatch)");
    }
    String name = cstring(h, 0, 100);
    long size = octal(h, 124, 12);
    if (size < 0 || BLOCK + size > tar.length) {
      throw new IllegalArgumentException("truncated tar stream: entry " + name + " needs " + size + " bytes");
    }
    return new Entry(name, Arrays.copyOfRange(tar, BLOCK, BLOCK + (int) size));
  }

  /** Every entry up to the end-of-archive block; a damaged or truncated stream is an IllegalArgumentException. */
  static List<Entry> all(byte[] tar) {
    List<Entry> out = new ArrayList<>();
    int at = 0;
    while (true) {
      if (at + BLOCK > tar.length) {
        throw new IllegalArgumentException("truncated tar stream");
      }
      byte[] rest = Arrays.copyOfRange(tar, at, tar.length);
      if (rest[0] == 0) {
        return out; // the zero block that ends the archive
      }
      Entry e = first(rest);
      out.add(e);
      at += BLOCK + (e.content().length + BLOCK - 1) / BLOCK * BLOCK;
    }
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    if (b.length > len) {
      throw new IllegalArgumentException("tar field too long: " + s);
    }
    System.arraycopy(b, 0, h, off, b.length);
  }

  private static String cstring(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.US_ASCII);
  }

  private static long octal(byte[] h, int off, int len) {
    String s = cstring(h, off, len).trim();
    if (s.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
