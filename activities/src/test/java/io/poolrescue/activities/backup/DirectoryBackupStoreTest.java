package io.poolrescue.activities.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.backup.BackupStoreException.Problem;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryBackupStoreTest {
  private static final String POOL = "7a1e0c7e-0000-4000-8000-000000000001";
  private static final String VM = "5b2f0c7e-0000-4000-8000-0000000000aa";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SECRET = "pool-secret-5f4dcc3b5aa765d61d8327deb882cf99";

  @TempDir Path dir;

  private BackupKeyring keys() {
    return BackupKeyring.generate(dir.resolve("backup.key"));
  }

  private static BackupArtefact dump(Instant at) {
    return new BackupArtefact(Kind.POOL_DATABASE, POOL, at,
        ("<database><pool secret=\"" + SECRET + "\" taken=\"" + at + "\"/></database>").getBytes(StandardCharsets.UTF_8));
  }

  private static BackupArtefact metadata(Instant at, String text) {
    return new BackupArtefact(Kind.VM_METADATA, VM, at, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path dataFile(DirectoryBackupStore store, BackupRecord r) throws IOException {
    try (Stream<Path> s = Files.walk(store.root())) {
      return s.filter(p -> p.toString().endsWith(".data") && p.getParent().endsWith(r.subjectUuid()))
          .filter(p -> r.id().endsWith(p.getFileName().toString().replace(".data", "")))
          .findFirst().orElseThrow();
    }
  }

  @Test
  void roundTripsAndRecordsTheChecksumOfTheContent() {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    BackupArtefact a = dump(T0);
    BackupRecord r = store.put(a);
    assertEquals("pool-database." + POOL + ".20260101T000000000Z", r.id());
    assertEquals(a.sha256(), r.sha256());
    assertEquals(a.content().length, r.size());
    assertTrue(r.encrypted());
    BackupArtefact back = store.get(r.id());
    assertArrayEquals(a.content(), back.content());
    assertEquals(Kind.POOL_DATABASE, back.kind());
    assertEquals(T0, back.takenAt());
    assertEquals(r, store.describe(r.id()).orElseThrow());
  }

  @Test
  void aPoolDumpIsNotPlaintextOnDisk() throws IOException {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    BackupRecord r = store.put(dump(T0));
    try (Stream<Path> s = Files.walk(store.root())) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String onDisk = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertFalse(onDisk.contains(SECRET), p + " holds the pool secret in the clear");
        assertFalse(onDisk.contains("<database>"), p + " holds the dump in the clear");
      }
    }
    assertTrue(new String(store.get(r.id()).content(), StandardCharsets.UTF_8).contains(SECRET));
  }

  @Test
  void twoWritesOfTheSameContentUseDifferentIvs() throws IOException {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    BackupArtefact a = dump(T0);
    BackupRecord r1 = store.put(a);
    BackupRecord r2 = store.put(new BackupArtefact(a.kind(), a.subjectUuid(), T0.plusMillis(1), a.content()));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(dataFile(store, r1)), Files.readAllBytes(dataFile(store, r2))));
  }

  @Test
  void aRepeatedPutForTheSameInstantKeepsTheFirst() {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    BackupRecord first = store.put(metadata(T0, "first"));
    BackupRecord again = store.put(metadata(T0, "second"));
    assertEquals(first, again);
    assertEquals(1, store.list(Kind.VM_METADATA, VM).size());
    assertEquals("first", new String(store.get(first.id()).content(), StandardCharsets.UTF_8));
  }

  @Test
  void flippingOneByteOfTheCiphertextIsReportedAsCorrupt() throws IOException {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    BackupRecord r = store.put(dump(T0));
    Path data = dataFile(store, r);
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length - 20] ^= 0x01;
    Files.write(data, bytes);
    var e = assertThrows(BackupStoreException.class, () -> store.get(r.id()));
    assertEquals(Problem.BACKUP_CORRUPT, e.problem());
    assertTrue(e.getMessage().contains(r.id()), e.getMessage());
  }

  @Test
  void aFileMovedToAnotherIdFailsAuthentication() throws IOException {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    BackupRecord older = store.put(dump(T0));
    BackupRecord newer = store.put(dump(T0.plusSeconds(3600)));
    Files.copy(dataFile(store, older), dataFile(store, newer), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(Problem.BACKUP_CORRUPT, assertThrows(BackupStoreException.class, () -> store.get(newer.id())).problem());
  }

  @Test
  void anUnencryptedFileIsCheckedAgainstItsRecordedChecksum() throws IOException {
    var store = DirectoryBackupStore.withoutEncryption(dir.resolve("store"));
    BackupRecord r = store.put(metadata(T0, "ova.xml of vm1"));
    assertFalse(r.encrypted());
    Files.writeString(dataFile(store, r), "ova.xml of vm2");
    var e = assertThrows(BackupStoreException.class, () -> store.get(r.id()));
    assertEquals(Problem.BACKUP_CORRUPT, e.problem());
    assertTrue(e.getMessage().contains("sha256"), e.getMessage());
  }

  @Test
  void aTruncatedFileOrAMissingContentIsCorrupt() throws IOException {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    BackupRecord r = store.put(dump(T0));
    Path data = dataFile(store, r);
    Files.write(data, java.util.Arrays.copyOf(Files.readAllBytes(data), 20));
    assertEquals(Problem.BACKUP_CORRUPT, assertThrows(BackupStoreException.class, () -> store.get(r.id())).problem());
    Files.delete(data);
    assertEquals(Problem.BACKUP_CORRUPT, assertThrows(BackupStoreException.class, () -> store.get(r.id())).problem());
  }

  @Test
  void aDumpReplacedByPlaintextWithAMatchingRecordIsRefused() throws IOException {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    BackupRecord r = store.put(dump(T0));
    byte[] forged = "<database/>".getBytes(StandardCharsets.UTF_8);
    Files.write(dataFile(store, r), forged);
    Path meta = dataFile(store, r).resolveSibling(dataFile(store, r).getFileName().toString().replace(".data", ".json"));
    String json = Files.readString(meta)
        .replace(r.sha256(), BackupArtefact.sha256(forged))
        .replace("\"size\" : " + r.size(), "\"size\" : " + forged.length)
        .replace("\"" + r.keyId() + "\"", "null");
    Files.writeString(meta, json);
    var e = assertThrows(BackupStoreException.class, () -> store.get(r.id()));
    assertEquals(Problem.BACKUP_CORRUPT, e.problem());
    assertTrue(e.getMessage().contains("unencrypted"), e.getMessage());
  }

  @Test
  void readingWithoutTheKeyOrWithAnotherKeyIsAClearError() {
    BackupKeyring written = keys();
    BackupRecord r = new DirectoryBackupStore(dir.resolve("store"), written).put(dump(T0));

    var noKey = DirectoryBackupStore.withoutEncryption(dir.resolve("store"));
    var missing = assertThrows(BackupStoreException.class, () -> noKey.get(r.id()));
    assertEquals(Problem.BACKUP_KEY_MISSING, missing.problem());
    assertTrue(missing.getMessage().contains(written.current().id()), missing.getMessage());

    var other = new DirectoryBackupStore(dir.resolve("store"), BackupKeyring.generate(dir.resolve("other.key")));
    var mismatch = assertThrows(BackupStoreException.class, () -> other.get(r.id()));
    assertEquals(Problem.BACKUP_KEY_MISMATCH, mismatch.problem());
    assertTrue(mismatch.getMessage().contains(written.current().id()), mismatch.getMessage());
  }

  @Test
  void aRotatedKeyringStillOpensOldBackupsAndSealsNewOnesWithTheNewKey() throws IOException {
    BackupKeyring old = keys();
    BackupRecord r1 = new DirectoryBackupStore(dir.resolve("store"), old).put(dump(T0));
    Path newKeyFile = dir.resolve("new.key");
    BackupKeyring fresh = BackupKeyring.generate(newKeyFile);
    Files.writeString(newKeyFile, Files.readString(dir.resolve("backup.key")), java.nio.file.StandardOpenOption.APPEND);
    BackupKeyring rotated = BackupKeyring.load(newKeyFile);
    assertEquals(List.of(fresh.current().id(), old.current().id()), rotated.ids());
    var store = new DirectoryBackupStore(dir.resolve("store"), rotated);
    assertEquals(r1.sha256(), store.get(r1.id()).sha256());
    assertEquals(fresh.current().id(), store.put(dump(T0.plusSeconds(60))).keyId());
  }

  @Test
  void withoutAKeySecretsAreRefusedAndNothingIsWritten() throws IOException {
    var store = DirectoryBackupStore.withoutEncryption(dir.resolve("store"));
    var e = assertThrows(BackupStoreException.class, () -> store.put(dump(T0)));
    assertEquals(Problem.BACKUP_KEY_MISSING, e.problem());
    var host = new BackupArtefact(Kind.HOST_BACKUP, POOL, T0, new byte[] {1, 2, 3});
    assertEquals(Problem.BACKUP_KEY_MISSING, assertThrows(BackupStoreException.class, () -> store.put(host)).problem());
    try (Stream<Path> s = Files.walk(store.root())) {
      assertEquals(0, s.filter(Files::isRegularFile).count());
    }
  }

  @Test
  void badKeyFilesAreClearErrors() throws IOException {
    Path missing = dir.resolve("nope.key");
    var e = assertThrows(BackupStoreException.class, () -> BackupKeyring.load(missing));
    assertEquals(Problem.BACKUP_KEY_MISSING, e.problem());
    assertTrue(e.getMessage().contains(missing.toString()));
    Path shortKey = Files.writeString(dir.resolve("short.key"), "# a comment\nc2hvcnQ=\n");
    var bad = assertThrows(IllegalArgumentException.class, () -> BackupKeyring.load(shortKey));
    assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
    Path empty = Files.writeString(dir.resolve("empty.key"), "\n# nothing\n");
    assertEquals(Problem.BACKUP_KEY_MISSING, assertThrows(BackupStoreException.class, () -> BackupKeyring.load(empty)).problem());
    Path generated = dir.resolve("g.key");
    BackupKeyring.generate(generated);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(generated)));
    assertThrows(BackupStoreException.class, () -> BackupKeyring.generate(generated), "never overwrites a key file");
  }

  @Test
  void unknownAndMalformedIdsAreNotFoundAndNeverLeaveTheStore() {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    assertEquals(Problem.BACKUP_NOT_FOUND,
        assertThrows(BackupStoreException.class, () -> store.get("pool-database." + POOL + ".20250101T000000000Z")).problem());
    for (String bad : List.of("../../etc/passwd", "pool-database.../x.20250101T000000000Z", "", "vm-metadata." + VM)) {
      assertEquals(Problem.BACKUP_NOT_FOUND, assertThrows(BackupStoreException.class, () -> store.get(bad)).problem(), bad);
    }
    assertNull(store.newest(Kind.POOL_DATABASE, POOL).orElse(null));
    assertThrows(IllegalArgumentException.class, () -> store.put(new BackupArtefact(Kind.VM_METADATA, "../x", T0, new byte[1])));
  }

  @Test
  void listsNewestFirstPerKindAndSubject() {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    store.put(dump(T0));
    store.put(dump(T0.plusSeconds(7200)));
    store.put(dump(T0.plusSeconds(3600)));
    store.put(metadata(T0, "m"));
    String otherVm = "5b2f0c7e-0000-4000-8000-0000000000bb";
    store.put(new BackupArtefact(Kind.VM_METADATA, otherVm, T0.plusSeconds(5), new byte[] {7}));
    List<Instant> times = store.list(Kind.POOL_DATABASE, POOL).stream().map(BackupRecord::takenAt).toList();
    assertEquals(List.of(T0.plusSeconds(7200), T0.plusSeconds(3600), T0), times);
    assertEquals(2, store.list(Kind.VM_METADATA, null).size());
    assertEquals(List.of(otherVm), store.list(Kind.VM_METADATA, otherVm).stream().map(BackupRecord::subjectUuid).toList());
    assertEquals(T0.plusSeconds(7200), store.newest(Kind.POOL_DATABASE, POOL).orElseThrow().takenAt());
    assertTrue(store.list(Kind.HOST_BACKUP, null).isEmpty());
  }

  @Test
  void retentionKeepsTheNewestPerSubjectAndDeletesTheFiles() throws IOException {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    for (int i = 0; i < 5; i++) {
      store.put(dump(T0.plusSeconds(i * 60L)));
      store.put(metadata(T0.plusSeconds(i * 60L), "v" + i));
    }
    String otherVm = "5b2f0c7e-0000-4000-8000-0000000000bb";
    store.put(new BackupArtefact(Kind.VM_METADATA, otherVm, T0, new byte[] {7}));

    List<BackupRecord> deleted = store.retain(Kind.VM_METADATA, null, 2);
    assertEquals(3, deleted.size());
    assertEquals(List.of(T0.plusSeconds(240), T0.plusSeconds(180)),
        store.list(Kind.VM_METADATA, VM).stream().map(BackupRecord::takenAt).toList());
    assertEquals(1, store.list(Kind.VM_METADATA, otherVm).size(), "a subject with fewer than N keeps all");
    assertEquals(5, store.list(Kind.POOL_DATABASE, POOL).size(), "other kinds untouched");
    for (BackupRecord r : deleted) {
      assertTrue(store.describe(r.id()).isEmpty());
      assertEquals(Problem.BACKUP_NOT_FOUND, assertThrows(BackupStoreException.class, () -> store.get(r.id())).problem());
    }
    try (Stream<Path> s = Files.walk(store.root().resolve("vm-metadata"))) {
      assertEquals(3 * 2, s.filter(Files::isRegularFile).count(), "data + record for each kept backup only");
    }
    assertTrue(store.retain(Kind.VM_METADATA, null, 2).isEmpty(), "a second pass deletes nothing");
    assertThrows(IllegalArgumentException.class, () -> store.retain(Kind.POOL_DATABASE, POOL, 0));
  }

  /** A held backup outlives retention until every run that holds it has let it go. */
  @Test
  void aHeldBackupIsKeptUntilItsHoldersReleaseIt() {
    var store = new DirectoryBackupStore(dir.resolve("store"), keys());
    BackupRecord oldest = store.put(dump(T0));
    store.put(dump(T0.plusSeconds(60)));
    store.put(dump(T0.plusSeconds(120)));
    String restore = "pool-restore/at 10.0.0.1 (second try)"; // a workflow id: any character

    store.hold(oldest.id(), restore);
    store.hold(oldest.id(), restore); // a retried hold changes nothing
    store.hold(oldest.id(), "another-restore");
    assertEquals(List.of("another-restore", restore).stream().sorted().toList(),
        store.holders(oldest.id()).stream().sorted().toList());
    assertEquals(List.of(T0.plusSeconds(60)), store.retain(Kind.POOL_DATABASE, POOL, 1).stream()
        .map(BackupRecord::takenAt).toList(), "the held one stays, the next one goes");
    store.release(oldest.id(), restore);
    assertTrue(store.retain(Kind.POOL_DATABASE, POOL, 1).isEmpty(), "still held by the other restore");

    store.release(oldest.id(), "another-restore");
    store.release(oldest.id(), "another-restore"); // idempotent
    assertEquals(List.of(oldest.id()), store.retain(Kind.POOL_DATABASE, POOL, 1).stream().map(BackupRecord::id)
        .toList());
    assertEquals(Problem.BACKUP_NOT_FOUND,
        assertThrows(BackupStoreException.class, () -> store.hold(oldest.id(), restore)).problem());
  }
}
