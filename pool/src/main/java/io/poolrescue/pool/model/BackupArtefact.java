package io.poolrescue.pool.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One backup the procedures restore from: a pool database dump, a host backup or a VM metadata
 * export, with what it was taken of and when. The checksum is what a backup store records.
 */
public record BackupArtefact(Kind kind, String subjectUuid, Instant takenAt, byte[] content) {

  public enum Kind {
    /** {@code xe pool-dump-database}: the pool's XML database. Holds pool secrets. */
    POOL_DATABASE,
    /** {@code xe host-backup}: a host's control domain image. */
    HOST_BACKUP,
    /** {@code xe vm-export metadata=true}: one VM's metadata. */
    VM_METADATA
  }

  public BackupArtefact {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  public String sha256() {
    return sha256(content);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
