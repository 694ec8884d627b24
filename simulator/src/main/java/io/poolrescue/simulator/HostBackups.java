package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /host_backup} and {@code PUT /host_restore} (reference §8, §17). The image is what the
 * real script writes, a gzip-compressed tar of the control domain, only tiny: its
 * {@code etc/xensource-inventory} (with {@code INSTALLATION_UUID}, the host's uuid), its host name
 * and its network configuration. Like the real script, host_restore first wipes the backup
 * partition (so a failed upload also loses what was staged before), then extracts with
 * {@code tar -xz} and checks nothing else: damaged data fails, an image of another host is staged.
 * The installer applies the staged image at the next "Restore from backup".
 */
final class HostBackups {
  private static final Logger log = LoggerFactory.getLogger(HostBackups.class);
  static final String INVENTORY = "etc/xensource-inventory";
  private static final String INSTALLATION_UUID = "INSTALLATION_UUID=";
  /** How tar ends its complaint when the archive cannot be read. */
  private static final String TAR_GIVES_UP = "\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now";

  private HostBackups() {}

  static byte[] backup(Machine m) {
    String inventory = INSTALLATION_UUID + "'" + m.uuid + "'\nMANAGEMENT_INTERFACE='" + m.managementDevice
        + "'\nBUILD_NUMBER='sim'\n";
    StringBuilder network = new StringBuilder("address=").append(m.address).append('\n');
    m.nics.forEach(n -> network.append("nic=").append(n.device()).append(' ').append(n.mac()).append('\n'));
    byte[] tar = Ustar.write(new Ustar.Entry(INVENTORY, utf8(inventory)),
        new Ustar.Entry("etc/hostname", utf8(m.nameLabel + "\n")),
        new Ustar.Entry("etc/xensource/network.conf", utf8(network.toString())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void restore(Site site, Machine m, byte[] image, Instant now) {
    site.journaled(now, m.address, null, "PUT /host_restore", Site.args(m.uuid), () -> {
      m.stagedBackup = null; // mkfs of the backup partition comes first
      String problem = problem(image);
      if (problem != null) {
        throw new XapiException(XapiErrors.RESTORE_SCRIPT_FAILED, problem);
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

  /** What {@code tar -xz} prints when it cannot extract the image, or null when it extracts. */
  static String problem(byte[] image) {
    byte[] tar;
    try {
      tar = gunzip(image);
    } catch (ZipException e) {
      String why = e.getMessage() != null && e.getMessage().contains("GZIP") && !e.getMessage().contains("trailer")
          ? "not in gzip format" : "invalid compressed data--crc error";
      return "gzip: stdin: " + why + TAR_GIVES_UP;
    } catch (EOFException e) {
      return "gzip: stdin: unexpected end of file" + TAR_GIVES_UP;
    } catch (IOException e) {
      return "gzip: stdin: " + e.getMessage() + TAR_GIVES_UP;
    }
    try {
      Ustar.all(tar);
    } catch (IllegalArgumentException e) {
      return "tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors";
    }
    return null;
  }

  /** The host uuid in the inventory of an image {@link #problem} accepts; empty when it has none. */
  static String subject(byte[] image) {
    try {
      List<Ustar.Entry> entries = Ustar.all(gunzip(image));
      for (Ustar.Entry e : entries) {
        if (e.name().equals(INVENTORY)) {
          for (String line : new String(e.content(), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith(INSTALLATION_UUID)) {
              return line.substring(INSTALLATION_UUID.length()).replace("'", "");
            }
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return "";
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

  private static byte[] gunzip(byte[] image) throws IOException {
    if (image == null || image.length == 0) {
      throw new EOFException("empty");
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(image))) {
      return in.readAllBytes();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
