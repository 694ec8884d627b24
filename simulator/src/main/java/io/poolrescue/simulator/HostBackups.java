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
 * {@code GET /host_backup} and {@code PUT /host_restore} (reference §8, §17). The image is small: a
 * header naming the host with the payload's length and SHA-256, then the payload (the host's
 * configuration as text). The length and digest stand in for gzip's own trailer, which makes
 * {@code tar -xz} fail on damaged data. Like the real script, host_restore first wipes the backup
 * partition (so a failed upload also loses what was staged before) and checks nothing else: an image
 * of another host is staged too. The installer applies it at the next "Restore from backup".
 */
final class HostBackups {
  private static final Logger log = LoggerFactory.getLogger(HostBackups.class);
  static final String MAGIC = "POOLRESCUE-SIM-HOST-BACKUP 1";
  private static final String HOST_UUID = "host-uuid: ";

  private HostBackups() {}

  static byte[] backup(Machine m, Instant now) {
    StringBuilder payload = new StringBuilder();
    payload.append("hostname=").append(m.nameLabel).append('\n');
    payload.append("address=").append(m.address).append('\n');
    payload.append("management=").append(m.managementDevice).append('\n');
    m.nics.forEach(n -> payload.append("nic=").append(n.device()).append(' ').append(n.mac()).append('\n'));
    byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
    String header = MAGIC + "\n" + HOST_UUID + m.uuid + "\ntaken-at: " + now + "\npayload-length: " + body.length
        + "\nsha256: " + BackupArtefact.sha256(body) + "\n\n";
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }

  static void restore(Site site, Machine m, byte[] image, Instant now) {
    site.journaled(now, m.address, null, "PUT /host_restore", Site.args(m.uuid), () -> {
      m.stagedBackup = null; // mkfs of the backup partition comes first
      String problem = problem(image);
      if (problem != null) {
        throw new XapiException(XapiErrors.RESTORE_SCRIPT_FAILED, "host-restore: " + problem);
      }
      m.stagedBackup = image.clone();
      String of = subject(image);
      if (of.equals(m.uuid)) {
        log.info("host {} has its backup staged; reboot into the installer to restore it", m.uuid);
      } else {
        log.warn("host {} has the backup of host {} staged: the script does not check whose it is", m.uuid, of);
      }
      return null;
    });
  }

  /** Why {@code tar -xz} would fail on the image, or null when it extracts. */
  static String problem(byte[] image) {
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
    return null;
  }

  /** The host uuid an image that {@link #problem} accepts was taken from. */
  static String subject(byte[] image) {
    int split = indexOf(image, "\n\n".getBytes(StandardCharsets.UTF_8));
    for (String line : new String(image, 0, split, StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith(HOST_UUID)) {
        return line.substring(HOST_UUID.length());
      }
    }
    return "";
  }

  /** True when the machine has another host's image staged. */
  static boolean foreignStaged(Machine m) {
    return m.stagedBackup != null && !subject(m.stagedBackup).equals(m.uuid);
  }

  /**
   * After an installer restore of another host's image the control domain is that host's: its
   * inventory uuid, address and pool.conf. The simulator does not let one machine take over another
   * host's identity (machines are keyed by uuid); it comes up broken, answering HOST_BROKEN, and the
   * mix-up is recorded as an integrity violation so a test sees the harm a real pool would suffer.
   */
  static void cameUpAsAnother(Site site, Machine m, String other) {
    m.broken = true;
    site.domains.violation("machine of host " + m.uuid + " restored the backup of host " + other
        + " and would come up with that host's identity");
    log.warn("host {} restored the backup of host {}: it comes up broken", m.uuid, other);
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
