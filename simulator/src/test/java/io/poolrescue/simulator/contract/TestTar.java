package io.poolrescue.simulator.contract;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/** A test-side ustar reader/writer, independent of the simulator's, to craft metadata exports. */
public final class TestTar {
  private TestTar() {}

  public record Entry(String name, byte[] content) {}

  public static byte[] write(Entry... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      byte[] h = new byte[512];
      field(h, 0, e.name());
      field(h, 100, "0000644");
      field(h, 108, "0000000");
      field(h, 116, "0000000");
      field(h, 124, String.format("%011o", e.content().length));
      field(h, 136, "00000000000");
      Arrays.fill(h, 148, 156, (byte) ' ');
      h[156] = '0';
      field(h, 257, "ustar");
      field(h, 263, "00");
      int sum = 0;
      for (byte b : h) {
        sum += b & 0xFF;
      }
      field(h, 148, String.format("%06o", sum));
      h[154] = 0;
      out.writeBytes(h);
      out.writeBytes(e.content());
      out.writeBytes(new byte[(512 - e.content().length % 512) % 512]);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  public static Entry first(byte[] tar) {
    int end = 0;
    while (end < 100 && tar[end] != 0) {
      end++;
    }
    String name = new String(tar, 0, end, StandardCharsets.US_ASCII);
    int size = Integer.parseInt(new String(tar, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
    return new Entry(name, Arrays.copyOfRange(tar, 512, 512 + size));
  }

  /** The same export with its ova.xml text rewritten. */
  public static byte[] rewriteOva(byte[] export, UnaryOperator<String> edit) {
    Entry e = first(export);
    String xml = new String(e.content(), StandardCharsets.UTF_8);
    return write(new Entry(e.name(), edit.apply(xml).getBytes(StandardCharsets.UTF_8)));
  }

  private static void field(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
  }
}
