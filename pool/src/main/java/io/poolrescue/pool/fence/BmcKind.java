package io.poolrescue.pool.fence;

/** How a BMC is spoken to. */
public enum BmcKind {
  /** DMTF Redfish over HTTPS (iDRAC, iLO, XClarity, OpenBMC, ...). */
  REDFISH,
  /** IPMI 2.0 over LAN (lanplus), through {@code ipmitool}. */
  IPMI
}
