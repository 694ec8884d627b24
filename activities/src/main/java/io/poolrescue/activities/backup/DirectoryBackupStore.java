package io.poolrescue.activities.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.poolrescue.activities.backup.BackupStoreException.Problem;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backup store on a local (or mounted) directory: {@code <root>/<kind>/<subject>/<stamp>.data}
 * holds the content, {@code <stamp>.json} the {@link BackupRecord} with the SHA-256 taken at write
 * time. With a keyring every content is sealed with AES-256-GCM; without one, pool database dumps and
 * host backups are refused because both carry the pool's secrets, and only VM metadata is stored.
 */
public final class DirectoryBackupStore implements BackupStore {
  private static final Logger log = LoggerFactory.getLogger(DirectoryBackupStore.class);
  private static final String DATA = ".data";
  private static final String META = ".json";
  /** Where the holds live, beside the kinds' directories: {@code holds/<backup id>/<holder digest>}. */
  private static final String HOLDS = "holds";

  private final Path root;
  private final BackupKeyring keys; // null: no encryption configured
  private final ObjectMapper json =
      new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** A store with a key file: everything is encrypted at rest. */
  public DirectoryBackupStore(Path root, BackupKeyring keys) {
    this.root = root.toAbsolutePath().normalize();
    this.keys = keys;
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new BackupStoreException(Problem.BACKUP_STORE_IO, "cannot create backup store " + this.root + ": " + e, e);
    }
  }

  /** A store without a key: it holds VM metadata only. */
  public static DirectoryBackupStore withoutEncryption(Path root) {
    return new DirectoryBackupStore(root, null);
  }

  public Path root() {
    return root;
  }

  /** Kinds that hold pool secrets and are never written or read in the clear. */
  static boolean mustBeSealed(Kind kind) {
    return kind == Kind.POOL_DATABASE || kind == Kind.HOST_BACKUP;
  }

  @Override
  public synchronized BackupRecord put(BackupArtefact artefact) {
    String id = BackupIds.id(artefact.kind(), artefact.subjectUuid(), artefact.takenAt());
    Optional<BackupRecord> existing = describe(id);
    if (existing.isPresent()) {
      log.info("backup {} already stored, keeping it", id);
      return existing.get();
    }
    if (keys == null && mustBeSealed(artefact.kind())) {
      throw new BackupStoreException(
          Problem.BACKUP_KEY_MISSING,
          BackupIds.slug(artefact.kind())
              + " backups hold pool secrets and are stored encrypted, but no backup key file is configured");
    }
    byte[] content = artefact.content();
    BackupRecord record =
        new BackupRecord(
            id,
            artefact.kind(),
            artefact.subjectUuid(),
            artefact.takenAt(),
            BackupArtefact.sha256(content),
            content.length,
            keys == null ? null : keys.current().id());
    byte[] file = keys == null ? content : BackupCipher.seal(keys.current(), id, content);
    Path data = dataPath(id);
    try {
      Files.createDirectories(data.getParent());
      // content first, record last: a backup is listed only once it is complete
      writeAtomically(data, file);
      writeAtomically(metaPath(id), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
    } catch (IOException e) {
      throw new BackupStoreException(Problem.BACKUP_STORE_IO, "cannot write backup " + id + ": " + e, e);
    }
    log.info("stored backup {} ({} bytes, sha256 {}, {})", id, record.size(), record.sha256(),
        record.encrypted() ? "encrypted with key " + record.keyId() : "not encrypted");
    return record;
  }

  @Override
  public BackupArtefact get(String id) {
    BackupRecord record =
        describe(id).orElseThrow(() -> new BackupStoreException(Problem.BACKUP_NOT_FOUND, "no backup " + id + " in " + root));
    byte[] file;
    try {
      file = Files.readAllBytes(dataPath(id));
    } catch (NoSuchFileException e) {
      throw new BackupStoreException(Problem.BACKUP_CORRUPT, "backup " + id + " has a record but its content file is gone", e);
    } catch (IOException e) {
      throw new BackupStoreException(Problem.BACKUP_STORE_IO, "cannot read backup " + id + ": " + e, e);
    }
    byte[] content = contentOf(record, file);
    String actual = BackupArtefact.sha256(content);
    if (!actual.equals(record.sha256()) || content.length != record.size()) {
      throw new BackupStoreException(
          Problem.BACKUP_CORRUPT,
          "backup " + id + " is corrupt: sha256 " + actual + " (" + content.length + " bytes), recorded "
              + record.sha256() + " (" + record.size() + " bytes)");
    }
    return new BackupArtefact(record.kind(), record.subjectUuid(), record.takenAt(), content);
  }

  private byte[] contentOf(BackupRecord record, byte[] file) {
    String id = record.id();
    if (!record.encrypted()) {
      if (mustBeSealed(record.kind())) {
        throw new BackupStoreException(
            Problem.BACKUP_CORRUPT, "backup " + id + " is recorded as unencrypted, which this store never writes for "
                + BackupIds.slug(record.kind()) + "; refusing it");
      }
      return file;
    }
    if (!BackupCipher.looksSealed(file)) {
      throw new BackupStoreException(Problem.BACKUP_CORRUPT, "backup " + id + " is recorded as encrypted but its content is not");
    }
    String headerKey = BackupCipher.keyIdOf(id, file);
    if (!headerKey.equals(record.keyId())) {
      throw new BackupStoreException(
          Problem.BACKUP_CORRUPT, "backup " + id + " names key " + headerKey + " but was recorded with key " + record.keyId());
    }
    if (keys == null) {
      throw new BackupStoreException(
          Problem.BACKUP_KEY_MISSING, "backup " + id + " is encrypted with key " + record.keyId() + " and no backup key file is configured");
    }
    return BackupCipher.open(keys, id, file);
  }

  @Override
  public Optional<BackupRecord> describe(String id) {
    Path meta = metaPath(id);
    if (!Files.exists(meta)) {
      return Optional.empty();
    }
    BackupRecord record = readRecord(meta);
    if (!id.equals(record.id())) {
      throw new BackupStoreException(Problem.BACKUP_CORRUPT, "record " + meta + " names backup " + record.id() + ", not " + id);
    }
    return Optional.of(record);
  }

  @Override
  public List<BackupRecord> list(Kind kind, String subjectUuid) {
    Path dir = root.resolve(BackupIds.slug(kind));
    if (subjectUuid != null) {
      dir = dir.resolve(BackupIds.checkSubject(subjectUuid));
    }
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<BackupRecord> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir, subjectUuid == null ? 2 : 1)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(META))::iterator) {
        try {
          out.add(readRecord(p));
        } catch (BackupStoreException e) {
          log.warn("skipping unreadable backup record {}: {}", p, e.getMessage());
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new BackupStoreException(Problem.BACKUP_STORE_IO, "cannot list " + dir + ": " + e, e);
    }
    out.sort(Comparator.comparing(BackupRecord::takenAt).thenComparing(BackupRecord::id).reversed());
    return out;
  }

  @Override
  public synchronized List<BackupRecord> retain(Kind kind, String subjectUuid, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("retention must keep at least one backup per subject, got " + keep);
    }
    Map<String, List<BackupRecord>> bySubject = new LinkedHashMap<>();
    for (BackupRecord r : list(kind, subjectUuid)) {
      bySubject.computeIfAbsent(r.subjectUuid(), s -> new ArrayList<>()).add(r);
    }
    List<BackupRecord> deleted = new ArrayList<>();
    for (List<BackupRecord> newestFirst : bySubject.values()) {
      for (BackupRecord old : newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size())) {
        List<String> holders = holders(old.id());
        if (!holders.isEmpty()) {
          log.info("retention keeps {}: held by {}", old.id(), holders); // a restore is using it
          continue;
        }
        try {
          Files.deleteIfExists(metaPath(old.id())); // unlisted first, then the content
          Files.deleteIfExists(dataPath(old.id()));
        } catch (IOException e) {
          throw new BackupStoreException(Problem.BACKUP_STORE_IO, "cannot delete backup " + old.id() + ": " + e, e);
        }
        deleted.add(old);
      }
    }
    if (!deleted.isEmpty()) {
      log.info("retention kept {} per subject of {}, deleted {}", keep, BackupIds.slug(kind), deleted.size());
    }
    return deleted;
  }

  @Override
  public synchronized void hold(String id, String holder) {
    if (describe(id).isEmpty()) {
      throw new BackupStoreException(Problem.BACKUP_NOT_FOUND, "no backup " + id + " in " + root + " to hold");
    }
    try {
      Path file = holdPath(id, holder);
      Files.createDirectories(file.getParent());
      Files.writeString(file, holder, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BackupStoreException(Problem.BACKUP_STORE_IO, "cannot hold backup " + id + ": " + e, e);
    }
  }

  @Override
  public synchronized void release(String id, String holder) {
    try {
      Files.deleteIfExists(holdPath(id, holder));
    } catch (IOException e) {
      throw new BackupStoreException(Problem.BACKUP_STORE_IO, "cannot release backup " + id + ": " + e, e);
    }
  }

  @Override
  public synchronized List<String> holders(String id) {
    Path dir = holdPath(id, "").getParent();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      List<String> out = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        out.add(Files.readString(f, StandardCharsets.UTF_8));
      }
      return out;
    } catch (IOException e) {
      throw new BackupStoreException(Problem.BACKUP_STORE_IO, "cannot read the holds of " + id + ": " + e, e);
    }
  }

  /** One file per holder, named by a digest of its workflow id (which may hold any character). */
  private Path holdPath(String id, String holder) {
    BackupIds.parse(id); // a malformed id is refused before it names a path
    return root.resolve(HOLDS).resolve(id).resolve(BackupArtefact.sha256(holder.getBytes(StandardCharsets.UTF_8)));
  }

  private BackupRecord readRecord(Path meta) {
    try {
      return json.readValue(meta.toFile(), BackupRecord.class);
    } catch (IOException e) {
      throw new BackupStoreException(Problem.BACKUP_CORRUPT, "backup record " + meta + " is unreadable: " + e.getMessage(), e);
    }
  }

  private Path dir(BackupIds.Parts p) {
    return root.resolve(BackupIds.slug(p.kind())).resolve(p.subject());
  }

  private Path dataPath(String id) {
    BackupIds.Parts p = BackupIds.parse(id);
    return dir(p).resolve(p.stamp() + DATA);
  }

  private Path metaPath(String id) {
    BackupIds.Parts p = BackupIds.parse(id);
    return dir(p).resolve(p.stamp() + META);
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
