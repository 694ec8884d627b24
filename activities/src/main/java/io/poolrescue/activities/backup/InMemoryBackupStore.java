package io.poolrescue.activities.backup;

import io.poolrescue.pool.model.BackupArtefact;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A store in memory, for the embedded demo and tests. {@link #tamper} corrupts a backup on purpose. */
public final class InMemoryBackupStore implements BackupStore {
  private record Entry(StoredBackup meta, byte[] content) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong seq = new AtomicLong();

  @Override
  public StoredBackup put(BackupArtefact a) {
    String id = a.kind().name().toLowerCase() + "-" + seq.incrementAndGet();
    byte[] content = a.content();
    StoredBackup meta = new StoredBackup(id, a.kind(), a.subjectUuid(), a.takenAt(), a.sha256(), content.length, false);
    entries.put(id, new Entry(meta, content));
    return meta;
  }

  @Override
  public BackupArtefact get(String id) {
    Entry e = entries.get(id);
    if (e == null) {
      throw new BackupNotFoundException(id);
    }
    if (!BackupArtefact.sha256(e.content()).equals(e.meta().sha256())) {
      throw new CorruptBackupException(id, "checksum mismatch");
    }
    return new BackupArtefact(e.meta().kind(), e.meta().subjectUuid(), e.meta().takenAt(), e.content());
  }

  @Override
  public Optional<StoredBackup> describe(String id) {
    return Optional.ofNullable(entries.get(id)).map(Entry::meta);
  }

  @Override
  public List<StoredBackup> list(BackupArtefact.Kind kind, String subjectUuid) {
    return entries.values().stream().map(Entry::meta)
        .filter(m -> m.kind() == kind && (subjectUuid == null || subjectUuid.equals(m.subjectUuid())))
        .sorted(Comparator.comparing(StoredBackup::takenAt).thenComparing(StoredBackup::id).reversed())
        .toList();
  }

  @Override
  public void delete(String id) {
    entries.remove(id);
  }

  /** Flips one byte of the stored content: the next read fails its checksum. */
  public void tamper(String id) {
    Entry e = entries.get(id);
    if (e == null) {
      throw new BackupNotFoundException(id);
    }
    byte[] c = e.content();
    if (c.length > 0) {
      c[c.length / 2] ^= 0x5a;
    }
  }
}
