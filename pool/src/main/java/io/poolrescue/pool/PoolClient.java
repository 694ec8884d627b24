package io.poolrescue.pool;

import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.xapi.CredentialSource;
import java.util.List;
import java.util.Map;

/**
 * The pool operations the recovery procedures use, named after the XAPI calls behind them.
 *
 * <p>A client is opened on one host's address (see {@link PoolConnector}). Pool-wide calls go to the
 * master, following {@code HOST_IS_SLAVE}; the calls marked <em>host-local</em> run on the host the
 * client was opened on, as XAPI requires. Objects are named by uuid, the only identifier that is
 * stable across sessions. A refusal is a {@link XapiException} carrying XAPI's code and parameters;
 * a host that cannot be reached at all is a {@link PoolUnreachableException}.
 */
public interface PoolClient extends AutoCloseable {

  /** The address this client was opened on. */
  String address();

  /** Host-local: try a login here without following redirects and say what answered. Never throws. */
  HostProbe probe();

  /** Every record of the pool ({@code *.get_all_records}) with liveness as the master computes it. */
  PoolSnapshot snapshot();

  /** {@code host.destroy} ({@code xe host-forget}). */
  void hostDestroy(String hostUuid);

  /** {@code VM.power_state_reset} ({@code xe vm-reset-powerstate --force}). */
  void vmPowerStateReset(String vmUuid);

  /** {@code VM.start_on(vm, host, paused=false, force=false)}. */
  void vmStartOn(String vmUuid, String hostUuid);

  /** {@code VDI.remove_from_sm_config}. */
  void vdiRemoveFromSmConfig(String vdiUuid, String key);

  /**
   * What {@code resetvdis.py HOST SR [--master]} does, over the API: resolve the SR, then the host (it
   * must still exist, else {@code UUID_INVALID}), then remove {@code host_<ref>} from every VDI of the SR that
   * carries it, and {@code paused} too when {@code srMaster}. Returns the uuids of the VDIs changed;
   * a second call changes nothing.
   */
  List<String> resetVdis(String hostUuid, String srUuid, boolean srMaster);

  /** {@code PBD.create}; returns the new PBD's uuid. */
  String pbdCreate(String hostUuid, String srUuid, Map<String, String> deviceConfig);

  /** {@code PBD.destroy}. */
  void pbdDestroy(String pbdUuid);

  /** {@code PBD.plug}. */
  void pbdPlug(String pbdUuid);

  /** {@code PBD.unplug}. */
  void pbdUnplug(String pbdUuid);

  /** {@code pool.set_default_SR}; null clears it. */
  void setDefaultSr(String srUuid);

  /** {@code pool.enable_ha(heartbeat_srs, configuration)}. */
  void enableHa(List<String> heartbeatSrUuids, Map<String, String> configuration);

  /** {@code pool.disable_ha}. */
  void disableHa();

  /** {@code pool.sync_database}: push the master's database to every member now. */
  void syncDatabase();

  /**
   * Host-local: {@code session.slave_local_login_with_password} then
   * {@code pool.emergency_transition_to_master} on this member. Its agent restarts afterwards.
   */
  void emergencyTransitionToMaster();

  /** {@code pool.recover_slaves} on the (new) master; returns the uuids of the hosts re-pointed. */
  List<String> recoverSlaves();

  /** {@code GET /pool/xmldbdump}: the pool database as XAPI's XML dump. */
  byte[] dumpDatabase();

  /** Host-local: {@code PUT /pool/xmldbdump?dry_run=...} on this (fresh) host. */
  void restoreDatabase(byte[] dump, boolean dryRun);

  /** {@code GET /host_backup}, sent to that host's own address. */
  byte[] hostBackup(String hostUuid);

  /** Host-local: {@code PUT /host_restore} on this host; applied at the next installer "Restore from backup". */
  void hostRestore(byte[] backup);

  /**
   * As {@link #hostRestore(byte[])}, telling {@code watcher} of the task that tracks the upload once
   * it exists and before the upload goes out, and of a connection that drops, so that a retry can
   * read the task ({@link #uploadState}). A client without tasks tells it nothing.
   */
  default void hostRestore(byte[] backup, UploadWatcher watcher) {
    hostRestore(backup);
  }

  /**
   * What the task of an earlier upload says. While it is pending the client waits for as long as the
   * host might still be taking the upload: the pick-up timeout when {@code dropped} (that upload's
   * connection was seen to drop), else as long as the upload itself may take. {@link UploadState#UNKNOWN}
   * from a client without tasks.
   */
  default UploadState uploadState(UploadTask upload, boolean dropped) {
    return UploadState.UNKNOWN;
  }

  /** {@code GET /export_metadata?uuid=...}: a VM's metadata export (a tar whose first member is {@code ova.xml}). */
  byte[] exportVmMetadata(String vmUuid);

  /**
   * {@code PUT /import_metadata?restore=true&force=...&dry_run=...}; returns the uuids of the VMs
   * created. A dry run runs the checks (a refusal is the same refusal) and returns the empty list,
   * as XAPI's task result of a dry run is empty.
   */
  List<String> importVmMetadata(byte[] export, boolean force, boolean dryRun);

  /**
   * Host-local: {@code pool.join(master_address, master_username, master_password)} called on this
   * (joining) host, which logs in to the master with the credentials this client logs in with.
   */
  void poolJoin(String masterAddress);

  /**
   * Host-local: {@code pool.join} with the master's own credentials, for a master whose root
   * password differs from this host's. The password is read from the source for the call only.
   */
  void poolJoin(String masterAddress, String masterUser, CredentialSource masterPassword);

  @Override
  void close();
}
