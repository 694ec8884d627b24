package io.poolrescue.simulator;

import java.util.List;

/**
 * What the simulated BMC of one machine knows and reports: the physical power, never what a pool
 * database says. {@code address} is the BMC's own loopback address (see {@link Bmcs#addressFor}).
 */
public record BmcState(
    String hostUuid, String nameLabel, String serial, String address, String user, String password,
    BmcFault fault, boolean poweredOn) {

  /** The reset types this BMC offers in {@code ResetType@Redfish.AllowableValues}. */
  public List<String> allowableResetTypes() {
    return fault == BmcFault.NO_FORCE_OFF ? List.of("On", "GracefulShutdown", "ForceRestart")
        : Bmcs.RESET_TYPES;
  }

  @Override
  public String toString() {
    return "BmcState[host=" + hostUuid + ", serial=" + serial + ", address=" + address + ", user=" + user
        + ", password=<hidden>, fault=" + fault + ", poweredOn=" + poweredOn + "]";
  }
}
