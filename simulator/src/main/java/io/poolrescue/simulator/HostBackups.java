package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.BackupArtefact;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /host_backup} and {@code PUT /host_restore} (reference §8). The image is small: a
 * header naming the host with the payload's length and SHA-256, then the payload (the host's
 * configuration as text). host_restore only stages a valid image; the installer applies it.
 */
final class HostBackups {
  private static final Logger log = LoggerFactory.getLogger(HostBackups.class);
  static final String MAGIC = "POOLRESCUE-SIM-HOST-BACKUP 1";

  private HostBackups() {}

  static byte[] backup(Machine m, Instant now) {
    StringBuilder payload = new StringBuilder();
    payload.append("hostname=").append(m.nameLabel).append('\n');
    payload.append("address=").append(m.address).append('\n');
    payload.append("management=").append(m.managementDevice).append('\n');
    m.nics.forEach(n -> payload.append("nic=").append(n.device()).append(' ').append(n.mac()).append('\n'));
    byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
    String header = MAGIC + "\nhost-uuid: " + m.uuid + "\ntaken-at: " + now + "\npayload-length: " + body.length
        + "\nsha256: " + BackupArtefact.sha256(body) + "\n\n";
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }

  static void restore(Site site, Machine m, byte[] image, Instant now) {
    site.journaled(now, m.address, null, "PUT /host_restore", Site.args(m.uuid), () -> {
      String problem = problem(m, image);
      if (problem != null) {
        throw new XapiException(XapiErrors.RESTORE_SCRIPT_FAILED, "host-restore: " + problem);
      }
      m.stagedBackup = image.clone();
      log.info("host {} has a valid backup staged; reboot into the installer to restore it", m.uuid);
      return null;
    });
  }

  /** Why the image cannot restore this machine, or null when it can. */
  static String problem(Machine m, byte[] image) {
    if (image == null || image.length == 0) {
      return "empty backup";
    }
    int split = indexOf(image, "\n\n".getBytes(StandardCharsets.UTF_8));
    if (split < 0) {
      return "not a host backup (no header)";
    }
    String[] lines = new String(image, 0, split, StandardCharsets.UTF_8).split("\n");
    if (!MAGIC.equals(lines[0])) {
      return "not a host backup (bad magic)";
    }
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(": ");
      if (c > 0) {
        h.put(lines[i].substring(0, c), lines[i].substring(c + 2));
      }
    }
    byte[] body = Arrays.copyOfRange(image, split + 2, image.length);
    long length;
    try {
      length = Long.parseLong(h.getOrDefault("payload-length", "-1"));
    } catch (NumberFormatException e) {
      return "damaged header";
    }
    if (body.length < length) {
      return "truncated backup: " + body.length + " of " + length + " bytes";
    }
    if (body.length != length || !BackupArtefact.sha256(body).equals(h.get("sha256"))) {
      return "checksum mismatch: the backup is corrupt";
    }
    if (!m.uuid.equals(h.get("host-uuid"))) {
      return "backup of host " + h.get("host-uuid") + " cannot restore host " + m.uuid;
    }
    return null;
  }

  private static int indexOf(byte[] a, byte[] pat) {
    outer:
    for (int i = 0; i + pat.length <= a.length; i++) {
      for (int j = 0; j < pat.length; j++) {
        if (a[i + j] != pat[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
