package io.poolrescue.activities.hostrestore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Whose control domain a host backup is. {@code xe host-backup} writes a gzip-compressed tar of the
 * control domain; its {@code etc/xensource-inventory} names the host in {@code INSTALLATION_UUID}.
 * The host-restore script never looks, so the worker does before it uploads. Only the archive's
 * head up to that file is read: the store's checksum vouches for the rest.
 */
final class HostImageIdentity {
  private static final String INVENTORY = "etc/xensource-inventory";
  private static final String KEY = "INSTALLATION_UUID=";
  private static final int BLOCK = 512;

  private HostImageIdentity() {}

  /** The host uuid the image's inventory names; empty when it is no tar.gz or has no inventory. */
  static Optional<String> hostUuidOf(byte[] image) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(image))) {
      while (true) {
        byte[] header = in.readNBytes(BLOCK);
        if (header.length < BLOCK || header[0] == 0) {
          return Optional.empty();
        }
        String name = field(header, 0, 100);
        long size = Long.parseLong(field(header, 124, 12).trim(), 8);
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        if (name.replaceFirst("^\\./", "").replaceFirst("^/", "").equals(INVENTORY)) {
          return uuidIn(new String(in.readNBytes((int) Math.min(size, 1 << 16)), StandardCharsets.UTF_8));
        }
        in.skipNBytes(padded);
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> uuidIn(String inventory) {
    for (String line : inventory.split("\n")) {
      if (line.startsWith(KEY)) {
        return Optional.of(line.substring(KEY.length()).replace("'", "").trim());
      }
    }
    return Optional.empty();
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.US_ASCII);
  }
}
