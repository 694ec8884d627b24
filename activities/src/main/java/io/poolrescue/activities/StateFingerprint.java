package io.poolrescue.activities;

import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.model.BackupArtefact;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A digest of the facts an approval rests on. A gate records it when it opens; right before the
 * guarded step the procedure computes it again, and any difference voids the approval.
 *
 * <p>The facts are short sorted lines, so the digest does not depend on the order the pool lists
 * its records, and only facts that matter are included (not heartbeat times, which move on their own).
 */
public final class StateFingerprint {
  private final TreeSet<String> facts = new TreeSet<>();

  public StateFingerprint add(String fact) {
    facts.add(fact);
    return this;
  }

  public StateFingerprint addAll(Collection<String> more) {
    facts.addAll(more);
    return this;
  }

  public List<String> facts() {
    return new ArrayList<>(facts);
  }

  public String digest() {
    return "sha256:" + BackupArtefact.sha256(String.join("\n", facts).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What a gate about one host depends on: its existence and liveness, what answers at its address,
   * the master, HA, the VMs resident on it and the SM locks it holds.
   */
  public static StateFingerprint ofHost(PoolSnapshot s, String hostUuid, HostProbe probe) {
    StateFingerprint f = new StateFingerprint();
    f.add("master=" + s.master().map(Host::uuid).orElse("none"));
    f.add("ha=" + s.pool().haEnabled());
    var host = s.hostByUuid(hostUuid);
    if (host.isEmpty()) {
      return f.add("host " + hostUuid + " absent");
    }
    Host h = host.get();
    f.add("host " + hostUuid + " live=" + h.live());
    f.add("probe " + h.address() + " " + probeKind(probe));
    for (Vm vm : s.residentVms(h.ref())) {
      f.add("resident " + vm.uuid() + " " + vm.powerState().xapiName());
    }
    String lock = Vdi.lockKey(h.ref());
    for (Vdi vdi : s.vdis()) {
      if (vdi.smConfig().containsKey(lock)) {
        f.add("lock " + vdi.uuid() + " " + vdi.smConfig().get(lock));
      }
    }
    return f;
  }

  /** {@link #probeKind} of an address where nothing answers. */
  public static final String UNREACHABLE = "unreachable";

  /** What answered at an address, reduced to the facts a decision depends on. */
  public static String probeKind(HostProbe p) {
    // Java 17: no pattern switch, so an instanceof chain over the sealed kinds.
    if (p instanceof HostProbe.Master) {
      return "master";
    } else if (p instanceof HostProbe.Slave sl) {
      return "slave-of " + sl.masterAddress();
    } else if (p instanceof HostProbe.Unavailable u) {
      return "unavailable " + u.errorCode();
    } else if (p instanceof HostProbe.Unidentified) {
      return "unidentified"; // the detail is wording (exception text), not a fact to decide on
    }
    return UNREACHABLE;
  }
}
