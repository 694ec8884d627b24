package io.poolrescue.activities.hostrestore;

import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.SentMarker;
import io.poolrescue.activities.StateFingerprint;
import io.poolrescue.activities.TransferMarker;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.backup.BackupFailures;
import io.poolrescue.activities.backup.BackupRecord;
import io.poolrescue.activities.backup.BackupStore;
import io.poolrescue.activities.backup.BackupStoreException;
import io.poolrescue.activities.inspection.InspectionActivitiesImpl;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.UploadState;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.BackupArtefact.Kind;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class HostRestoreActivitiesImpl implements HostRestoreActivities {
  private static final Logger log = LoggerFactory.getLogger(HostRestoreActivitiesImpl.class);

  private final PoolAccess pool;
  private final BackupStore store;
  /** The second check of the gate this call rests on, against the worker's policy. */
  private final ApprovalCheck approvals;

  public HostRestoreActivitiesImpl(PoolConnector connector, BackupStore store, ApprovalCheck approvals) {
    this.approvals = approvals;
    this.pool = new PoolAccess(connector);
    this.store = store;
  }

  @Override
  public HostConfigCheck checkHost(String poolAddress, String hostUuid) {
    PoolSnapshot s = pool.on(poolAddress, "inspect host " + hostUuid, PoolClient::snapshot);
    Host h = s.hostByUuid(hostUuid).orElseThrow(() -> XapiFailures.refused(XapiErrors.UUID_INVALID,
        "the pool at " + poolAddress + " has no host " + hostUuid));
    HostProbe probe = InspectionActivitiesImpl.probe(pool.connector(), h.address());
    return new HostConfigCheck(h.uuid(), h.nameLabel(), h.address(), h.live(), h.enabled(), probe,
        fingerprint(h, probe));
  }

  @Override
  public String hostFingerprint(String poolAddress, String hostUuid) {
    return checkHost(poolAddress, hostUuid).fingerprint();
  }

  private static String fingerprint(Host h, HostProbe probe) {
    return new StateFingerprint()
        .add("host " + h.uuid() + " live=" + h.live() + " enabled=" + h.enabled())
        .add("probe " + h.address() + " " + StateFingerprint.probeKind(probe))
        .digest();
  }

  @Override
  public BackupRecord chooseHostBackup(String hostUuid, String backupId) {
    try {
      BackupRecord record = backupId == null
          ? store.newest(Kind.HOST_BACKUP, hostUuid).orElseThrow(() -> new BackupStoreException(
              BackupStoreException.Problem.BACKUP_NOT_FOUND, "the backup store has no host backup of host " + hostUuid))
          : store.describe(backupId).orElseThrow(() -> new BackupStoreException(
              BackupStoreException.Problem.BACKUP_NOT_FOUND, "the backup store has no backup " + backupId));
      if (record.kind() != Kind.HOST_BACKUP || !record.subjectUuid().equals(hostUuid)) {
        throw XapiFailures.invalid("backup " + record.id() + " is a " + record.kind() + " of " + record.subjectUuid()
            + ", not a host backup of " + hostUuid);
      }
      // reads and verifies the checksum (and decrypts): corrupt backups stop here, mislabelled ones below
      requireImageOf(record.id(), store.get(record.id()), hostUuid);
      return record;
    } catch (BackupStoreException e) {
      throw BackupFailures.toFailure(e);
    }
  }

  /** The host-restore script stages any image it can unpack: whose it is must be checked here. */
  private static void requireImageOf(String backupId, BackupArtefact backup, String hostUuid) {
    String imageOf = HostImageIdentity.hostUuidOf(backup.content()).orElseThrow(() -> XapiFailures.invalid("backup "
        + backupId + " has no control-domain inventory (etc/xensource-inventory): it is not a host backup"));
    if (!imageOf.equals(hostUuid)) {
      throw XapiFailures.invalid("backup " + backupId + " is an image of host " + imageOf + ", though it is stored as "
          + hostUuid + "'s: it is not used (restoring it would give this machine that host's identity)");
    }
  }

  @Override
  public StagedHostBackup uploadHostBackup(String hostAddress, String hostUuid, String backupId,
      ApprovalProof approval) {
    approvals.require(approval, GateIds.UPLOAD_HOST_BACKUP, List.of(hostUuid));
    BackupArtefact backup;
    try {
      backup = store.get(backupId);
    } catch (BackupStoreException e) {
      throw BackupFailures.toFailure(e);
    }
    if (!backup.subjectUuid().equals(hostUuid)) {
      throw XapiFailures.invalid("backup " + backupId + " belongs to host " + backup.subjectUuid() + ", not " + hostUuid);
    }
    requireImageOf(backupId, backup, hostUuid);
    StagedHostBackup staged = new StagedHostBackup(hostUuid, hostAddress, backupId, backup.sha256(),
        backup.content().length);
    // XAPI cannot show what is staged: only the marker, and the upload's task it names, tell a retry what an
    // earlier upload did; a second PUT would first wipe the backup partition, possibly under the earlier upload still unpacking.
    if (earlierUploadStands(hostAddress, hostUuid, backupId)) {
      return staged;
    }
    // one PUT that may take minutes: the side beats repeat the marker while it runs, so a long upload
    // is not taken for a lost worker; the marker names the upload's task once it exists
    pool.run(hostAddress, "upload host backup " + backupId + " to " + hostAddress,
        c -> SentMarker.send(() -> c.hostRestore(backup.content(), TransferMarker.WATCHER)));
    log.info("host backup {} staged on {} ({})", backupId, hostUuid, hostAddress);
    return staged;
  }

  /**
   * True when an earlier attempt's upload must not be sent again. Its task tells, where the marker
   * names one: taken, it stands; failed, or still pending (the host never read it: the connection
   * dropped before, and that attempt's worker died waiting), it is sent again. A task that can no
   * longer be read leaves the outcome unknown: {@link #UPLOAD_OUTCOME_UNKNOWN}, for a person to decide.
   * A bare marker (the attempt died before the task existed, or a client without tasks) is trusted: the
   * upload may have gone out. An upload the host provably never took was withdrawn by its own attempt
   * and leaves no marker.
   */
  private boolean earlierUploadStands(String hostAddress, String hostUuid, String backupId) {
    Optional<TransferMarker> tracked = TransferMarker.earlier();
    if (tracked.isPresent()) {
      TransferMarker m = tracked.get();
      UploadState state = pool.on(hostAddress, "read the task of the upload of " + backupId + " to " + hostAddress,
          c -> c.uploadState(m.upload(), m.dropped()));
      log.info("host backup {} was sent to {} ({}) by an earlier attempt at {}; its task says {}", backupId,
          hostUuid, hostAddress, m.sentAtInstant(), state);
      return switch (state) {
        case TAKEN -> true;
        case FAILED, PENDING -> false;
        case UNKNOWN -> throw ApplicationFailure.newNonRetryableFailure("host backup " + backupId + " was sent to "
            + hostUuid + " (" + hostAddress + ") at " + m.sentAtInstant() + ", but the task " + m.task()
            + " that tracked it is gone from " + m.masterAddress() + " (its agent restarted, or another "
            + "host is master): whether the host staged it is not known; nothing was sent again",
            UPLOAD_OUTCOME_UNKNOWN);
      };
    }
    Optional<SentMarker> sent = SentMarker.earlier();
    sent.ifPresent(s -> log.info("host backup {} was sent to {} ({}) by an earlier attempt at {}; not sent again",
        backupId, hostUuid, hostAddress, s.sentAt()));
    return sent.isPresent();
  }

  @Override
  public HostBack hostBack(String poolAddress, String hostUuid) {
    PoolSnapshot s = pool.on(poolAddress, "look for host " + hostUuid, PoolClient::snapshot);
    Host h = s.hostByUuid(hostUuid).orElseThrow(() -> XapiFailures.refused(XapiErrors.UUID_INVALID,
        "the pool at " + poolAddress + " no longer has host " + hostUuid));
    HostProbe probe = InspectionActivitiesImpl.probe(pool.connector(), h.address());
    boolean member = probe instanceof HostProbe.Slave || probe instanceof HostProbe.Master;
    if (!h.live() || !member) {
      throw XapiFailures.notYet(HOST_NOT_BACK, "host " + hostUuid + " (" + h.address() + ") is not back yet: live="
          + h.live() + ", answers " + StateFingerprint.probeKind(probe));
    }
    return new HostBack(h.uuid(), h.address(), h.live(), h.enabled(), probe);
  }
}
