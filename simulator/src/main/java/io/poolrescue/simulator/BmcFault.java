package io.poolrescue.simulator;

/** What can be wrong with a simulated BMC (the machine itself is faulted through SimulatedPool). */
public enum BmcFault {
  NONE,
  /** Nothing answers: the connection is closed without a reply, as a BMC off the network looks. */
  UNREACHABLE,
  /** ForceOff (and GracefulShutdown) is accepted, but the machine stays on: a stuck power controller. */
  IGNORES_POWER_OFF,
  /** Every reset is refused with HTTP 400 (a BMC that rejects the request, e.g. a locked-down iDRAC). */
  REFUSES_RESET,
  /** ForceOff is not among the allowable reset types, and a POST of it gets HTTP 400. */
  NO_FORCE_OFF
}
