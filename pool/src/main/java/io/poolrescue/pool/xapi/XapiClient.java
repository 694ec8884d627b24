package io.poolrescue.pool.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.UploadState;
import io.poolrescue.pool.UploadTask;
import io.poolrescue.pool.UploadWatcher;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Vdi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link PoolClient} over XAPI's JSON-RPC and HTTP handlers, for a real pool or the simulator's
 * {@link XapiServer}. Objects are named by uuid and resolved to refs with {@code get_by_uuid} in the
 * same session that uses them, since refs belong to a database, not to the object.
 *
 * <p>Pool-wide calls run on the master (see {@link SessionKeeper}); the host-local ones
 * ({@link #probe}, {@link #emergencyTransitionToMaster}, {@link #restoreDatabase},
 * {@link #hostRestore}, {@link #poolJoin}) go to the address the client was opened on.
 * Safe for concurrent use. Create through {@link XapiConnector}.
 */
public final class XapiClient implements PoolClient {
  private final XapiClientConfig config;
  private final SessionKeeper sessions;
  private final TaskTrackedTransfer transfers;

  XapiClient(XapiClientConfig config, JsonRpcTransport rpc, TaskTrackedTransfer transfers, String address,
      KnownMasters masters) {
    this.config = config;
    this.sessions = new SessionKeeper(rpc, config, address, masters);
    this.transfers = transfers;
  }

  @Override
  public String address() {
    return sessions.home();
  }

  /**
   * Silence means no TCP connection within the connect timeout, nothing else: a certificate we do not
   * trust, an HTTP error or a reply that is not JSON-RPC all come from a machine that is up.
   */
  @Override
  public HostProbe probe() {
    String at = address();
    Optional<String> silence = TcpReach.silence(config.baseUri(at), config.connectTimeout());
    if (silence.isPresent()) {
      return new HostProbe.Unreachable(at, silence.get());
    }
    try {
      RpcTarget target = sessions.login(at);
      target.logoutQuietly();
      return new HostProbe.Master(at);
    } catch (XapiException e) {
      if (XapiErrors.HOST_IS_SLAVE.equals(e.code()) && !e.params().isEmpty()) {
        return new HostProbe.Slave(at, e.params().get(0));
      }
      return new HostProbe.Unavailable(at, e.code());
    } catch (CredentialsUnavailableException e) {
      return new HostProbe.Unidentified(at, "it accepts connections; not logged in: " + e.getMessage());
    } catch (RuntimeException e) {
      return new HostProbe.Unidentified(at, "it accepts connections but " + e.getMessage());
    }
  }

  @Override
  public PoolSnapshot snapshot() {
    return sessions.onPool(t -> {
      PoolSnapshot s = SnapshotReader.read(t);
      s.hosts().forEach(h -> sessions.masters().seen(h.address(), t.address()));
      return s;
    });
  }

  @Override
  public void hostDestroy(String hostUuid) {
    sessions.onPool(t -> t.call("host.destroy", ref(t, "host", hostUuid)));
  }

  @Override
  public void vmPowerStateReset(String vmUuid) {
    sessions.onPool(t -> t.call("VM.power_state_reset", ref(t, "VM", vmUuid)));
  }

  @Override
  public void vmStartOn(String vmUuid, String hostUuid) {
    sessions.onPool(t -> {
      String vm = ref(t, "VM", vmUuid);
      String host = ref(t, "host", hostUuid);
      return t.call("VM.start_on", vm, host, false, false);
    });
  }

  @Override
  public void vdiRemoveFromSmConfig(String vdiUuid, String key) {
    sessions.onPool(t -> t.call("VDI.remove_from_sm_config", ref(t, "VDI", vdiUuid), key));
  }

  @Override
  public List<String> resetVdis(String hostUuid, String srUuid, boolean srMaster) {
    return sessions.onPool(t -> {
      String srRef = ref(t, "SR", srUuid); // the script resolves the SR before the host
      String hostRef = ref(t, "host", hostUuid); // UUID_INVALID once the host was forgotten
      String lock = Vdi.lockKey(hostRef);
      List<String> changed = new ArrayList<>();
      t.call("VDI.get_all_records").fields().forEachRemaining(e -> {
        JsonNode vdi = e.getValue();
        if (!srRef.equals(RecordDecoder.ref(vdi, "SR"))) {
          return;
        }
        Map<String, String> sm = RecordDecoder.map(vdi, "sm_config");
        boolean touched = false;
        if (sm.containsKey(lock)) {
          t.call("VDI.remove_from_sm_config", e.getKey(), lock);
          touched = true;
        }
        if (srMaster && sm.containsKey(Vdi.PAUSED_KEY)) {
          t.call("VDI.remove_from_sm_config", e.getKey(), Vdi.PAUSED_KEY);
          touched = true;
        }
        if (touched) {
          changed.add(RecordDecoder.str(vdi, "uuid"));
        }
      });
      return changed;
    });
  }

  @Override
  public String pbdCreate(String hostUuid, String srUuid, Map<String, String> deviceConfig) {
    return sessions.onPool(t -> {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("host", ref(t, "host", hostUuid));
      record.put("SR", ref(t, "SR", srUuid));
      record.put("device_config", deviceConfig);
      record.put("other_config", Map.of());
      String pbd = t.callForString("PBD.create", record);
      return t.callForString("PBD.get_uuid", pbd);
    });
  }

  @Override
  public void pbdDestroy(String pbdUuid) {
    sessions.onPool(t -> t.call("PBD.destroy", ref(t, "PBD", pbdUuid)));
  }

  @Override
  public void pbdPlug(String pbdUuid) {
    sessions.onPool(t -> t.call("PBD.plug", ref(t, "PBD", pbdUuid)));
  }

  @Override
  public void pbdUnplug(String pbdUuid) {
    sessions.onPool(t -> t.call("PBD.unplug", ref(t, "PBD", pbdUuid)));
  }

  @Override
  public void setDefaultSr(String srUuid) {
    sessions.onPool(t -> {
      String sr = srUuid == null ? XapiRefs.NULL : ref(t, "SR", srUuid);
      return t.call("pool.set_default_SR", poolRef(t), sr);
    });
  }

  @Override
  public void enableHa(List<String> heartbeatSrUuids, Map<String, String> configuration) {
    sessions.onPool(t -> {
      List<String> srs = new ArrayList<>();
      for (String uuid : heartbeatSrUuids) {
        srs.add(ref(t, "SR", uuid));
      }
      return t.call("pool.enable_ha", srs, configuration);
    });
  }

  @Override
  public void disableHa() {
    sessions.onPool(t -> t.call("pool.disable_ha"));
  }

  @Override
  public void syncDatabase() {
    sessions.onPool(t -> t.call("pool.sync_database"));
  }

  @Override
  public void emergencyTransitionToMaster() {
    RpcTarget local = sessions.localLogin(address());
    try {
      local.call("pool.emergency_transition_to_master");
    } finally {
      local.logoutQuietly();
      sessions.forgetPoolSession(); // the master moves here once the agent has restarted
    }
  }

  @Override
  public List<String> recoverSlaves() {
    return sessions.onPool(t -> {
      List<String> uuids = new ArrayList<>();
      for (JsonNode host : t.call("pool.recover_slaves")) {
        uuids.add(t.callForString("host.get_uuid", host.asText()));
      }
      return uuids;
    });
  }

  @Override
  public byte[] dumpDatabase() {
    return sessions.onPool(t -> transfers.run(t, t.address(), "GET", "/pool/xmldbdump", Map.of(), null).body());
  }

  @Override
  public void restoreDatabase(byte[] dump, boolean dryRun) {
    hostLocal(t -> transfers.run(t, address(), "PUT", "/pool/xmldbdump",
        Map.of("dry_run", Boolean.toString(dryRun)), dump));
    if (!dryRun) {
      sessions.forgetPoolSession(); // this host reboots as the master of the restored pool
    }
  }

  @Override
  public byte[] hostBackup(String hostUuid) {
    return sessions.onPool(t -> {
      String hostAddress = t.callForString("host.get_address", ref(t, "host", hostUuid));
      config.requireAllowed(hostAddress); // the session goes with the request: only to the pool's own hosts
      sessions.masters().seen(hostAddress, t.address());
      return transfers.run(t, hostAddress, "GET", "/host_backup", Map.of(), null).body();
    });
  }

  /**
   * {@code /host_restore} checks the session in the pool database, so a local session will not do:
   * the upload goes to this host with a session of its pool's master (see
   * {@link SessionKeeper#masterSessionFor}).
   */
  @Override
  public void hostRestore(byte[] backup) {
    hostRestore(backup, UploadWatcher.NONE);
  }

  @Override
  public void hostRestore(byte[] backup, UploadWatcher watcher) {
    RpcTarget master = sessions.masterSessionFor("host_restore");
    try {
      transfers.run(master, address(), "PUT", "/host_restore", Map.of(), backup, watcher);
    } finally {
      master.logoutQuietly();
    }
  }

  /**
   * Read in a session of the master that holds the task. A master that refuses the login (no longer
   * the master, or broken) has lost or never had the task: {@link UploadState#UNKNOWN}. One that
   * does not answer throws, so the caller tries again later.
   */
  @Override
  public UploadState uploadState(UploadTask upload, boolean dropped) {
    RpcTarget master;
    try {
      master = sessions.login(upload.masterAddress());
    } catch (XapiException e) {
      return UploadState.UNKNOWN;
    }
    try {
      return transfers.stateOf(master, upload.task(), dropped);
    } finally {
      master.logoutQuietly();
    }
  }

  @Override
  public byte[] exportVmMetadata(String vmUuid) {
    return sessions.onPool(t -> {
      ref(t, "VM", vmUuid); // a clear UUID_INVALID before any transfer
      return transfers.run(t, t.address(), "GET", "/export_metadata", Map.of("uuid", vmUuid), null).body();
    });
  }

  @Override
  public List<String> importVmMetadata(byte[] export, boolean force, boolean dryRun) {
    return sessions.onPool(t -> {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("restore", "true");
      query.put("force", Boolean.toString(force));
      query.put("dry_run", Boolean.toString(dryRun));
      String result = transfers.run(t, t.address(), "PUT", "/import_metadata", query, export).result();
      List<String> uuids = new ArrayList<>();
      for (String item : TaskResult.values(result)) {
        uuids.add(item.startsWith("OpaqueRef:") ? t.callForString("VM.get_uuid", item) : item);
      }
      return uuids;
    });
  }

  @Override
  public void poolJoin(String masterAddress) {
    poolJoin(masterAddress, config.user(), config.credentials());
  }

  @Override
  public void poolJoin(String masterAddress, String masterUser, CredentialSource masterPassword) {
    // the host sends the password on to masterAddress: only to a host of the worker's inventory
    config.requireAllowed(masterAddress);
    hostLocal(t -> t.call("pool.join", masterAddress, masterUser, masterPassword.password()));
    sessions.forgetPoolSession(); // this host restarts as a member of the other pool
  }

  /**
   * Any XAPI call on the master with this client's session as first parameter, e.g.
   * {@code call("VM.get_power_state", vmRef)}: for diagnostics and tools beyond {@link PoolClient}.
   */
  public JsonNode call(String method, Object... args) {
    return sessions.onPool(t -> t.call(method, args));
  }

  @Override
  public void close() {
    sessions.close();
  }

  @Override
  public String toString() {
    return "XapiClient[" + config.baseUri(address()) + " as " + config.user() + "]";
  }

  /** For tests of the session handling. */
  SessionKeeper sessions() {
    return sessions;
  }

  private <T> T hostLocal(Function<RpcTarget, T> work) {
    RpcTarget local = sessions.hostLocal();
    try {
      return work.apply(local);
    } finally {
      local.logoutQuietly();
    }
  }

  private static String ref(RpcTarget t, String cls, String uuid) {
    if (uuid == null) {
      throw new IllegalArgumentException("a " + cls + " uuid is required");
    }
    return t.callForString(cls + ".get_by_uuid", uuid);
  }

  private static String poolRef(RpcTarget t) {
    JsonNode all = t.call("pool.get_all");
    if (!all.isArray() || all.isEmpty()) {
      throw new XapiException(XapiErrors.INTERNAL_ERROR, List.of("the master returned no pool object"));
    }
    return all.get(0).asText();
  }
}
