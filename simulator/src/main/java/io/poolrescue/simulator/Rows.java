package io.poolrescue.simulator;

import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.PoolInfo;
import io.poolrescue.pool.model.PowerState;
import io.poolrescue.pool.model.Vbd;
import io.poolrescue.pool.model.Vdi;
import io.poolrescue.pool.model.Vm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Copy-with-one-change helpers for the model's immutable records. */
final class Rows {
  private Rows() {}

  static Vm power(Vm v, PowerState state, String residentOn) {
    return new Vm(v.ref(), v.uuid(), v.nameLabel(), state, residentOn, v.memory(), v.haRestartPriority(), v.order(),
        v.version(), v.controlDomain(), v.vbdRefs());
  }

  static Vm vbds(Vm v, List<String> vbdRefs) {
    return new Vm(v.ref(), v.uuid(), v.nameLabel(), v.powerState(), v.residentOn(), v.memory(),
        v.haRestartPriority(), v.order(), v.version(), v.controlDomain(), vbdRefs);
  }

  static Vbd attached(Vbd b, boolean attached) {
    return new Vbd(b.ref(), b.uuid(), b.vmRef(), b.vdiRef(), b.mode(), attached);
  }

  static Pbd attached(Pbd p, boolean attached) {
    return new Pbd(p.ref(), p.uuid(), p.hostRef(), p.srRef(), p.deviceConfig(), attached);
  }

  static Vdi smConfig(Vdi v, Map<String, String> sm) {
    return new Vdi(v.ref(), v.uuid(), v.nameLabel(), v.srRef(), v.location(), v.sharable(), sm);
  }

  static Vdi withoutKey(Vdi v, String key) {
    Map<String, String> sm = new HashMap<>(v.smConfig());
    sm.remove(key);
    return smConfig(v, sm);
  }

  static Vdi withKey(Vdi v, String key, String value) {
    Map<String, String> sm = new HashMap<>(v.smConfig());
    sm.put(key, value);
    return smConfig(v, sm);
  }

  static PoolInfo master(PoolInfo p, String masterRef) {
    return new PoolInfo(p.ref(), p.uuid(), p.nameLabel(), masterRef, p.defaultSrRef(), p.haEnabled());
  }

  static PoolInfo defaultSr(PoolInfo p, String srRef) {
    return new PoolInfo(p.ref(), p.uuid(), p.nameLabel(), p.masterRef(), srRef, p.haEnabled());
  }

  static PoolInfo ha(PoolInfo p, boolean enabled) {
    return new PoolInfo(p.ref(), p.uuid(), p.nameLabel(), p.masterRef(), p.defaultSrRef(), enabled);
  }
}
