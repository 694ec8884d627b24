package io.poolrescue.activities.backup;

import io.poolrescue.pool.model.BackupArtefact.Kind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backup ids: {@code <kind>.<subject uuid>.<UTC instant to the millisecond>}, e.g.
 * {@code pool-database.4f1c….20260101T000000000Z}. Readable, sortable per subject, and strictly
 * validated so an id taken from a request can never reach outside the store's directory.
 */
final class BackupIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern ID =
      Pattern.compile("(pool-database|host-backup|vm-metadata)\\.([A-Za-z0-9-]{1,64})\\.(\\d{8}T\\d{9}Z)");

  private BackupIds() {}

  record Parts(Kind kind, String subject, String stamp) {}

  static String slug(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Kind kindOf(String slug) {
    return Kind.valueOf(slug.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  static String checkSubject(String subject) {
    if (subject == null || !SUBJECT.matcher(subject).matches()) {
      throw new IllegalArgumentException("a backup subject must be a uuid (letters, digits, '-'), got " + subject);
    }
    return subject;
  }

  static String stamp(Instant at) {
    return STAMP.format(at.truncatedTo(ChronoUnit.MILLIS));
  }

  static String id(Kind kind, String subject, Instant takenAt) {
    return slug(kind) + "." + checkSubject(subject) + "." + stamp(takenAt);
  }

  static Parts parse(String id) {
    Matcher m = id == null ? null : ID.matcher(id);
    if (m == null || !m.matches()) {
      throw new BackupStoreException(
          BackupStoreException.Problem.BACKUP_NOT_FOUND,
          "not a backup id: " + id + " (expected <pool-database|host-backup|vm-metadata>.<uuid>.<yyyyMMddTHHmmssSSSZ>)");
    }
    return new Parts(kindOf(m.group(1)), m.group(2), m.group(3));
  }
}
