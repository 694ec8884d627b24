package io.poolrescue.simulator;

/** How a simulated BMC answered a {@code ComputerSystem.Reset}. */
public enum BmcReset {
  /** Accepted (which says nothing of whether the machine obeyed: see {@link BmcFault#IGNORES_POWER_OFF}). */
  ACCEPTED,
  /** Refused by the BMC. */
  REFUSED,
  /** The reset type is not one this BMC offers. */
  NOT_ALLOWED
}
