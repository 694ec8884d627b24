package io.poolrescue.pool.fence;

import java.time.Duration;

/**
 * One BMC, for one machine: what it says of the machine's power, and a forced power-off. A fence
 * agent never guesses: any error, timeout or unexpected answer reads as {@link BmcPower#UNKNOWN}.
 */
public interface FenceAgent {

  /** The machine's power as the BMC reports it now. Never throws. */
  BmcReading powerState();

  /**
   * Forces the machine off (Redfish {@code ForceOff}, IPMI {@code power off}) when the BMC says it is
   * on, then reads until it says OFF or {@code within} has passed (plus at most one request
   * timeout); returns the last reading (OFF unless the machine stayed on or the BMC stopped
   * answering; UNKNOWN with a reason when the request's own fate is unknown, e.g. it timed out).
   * Does nothing when it already is off, nor when its power is UNKNOWN: it never acts on a guess.
   *
   * @throws FenceRefusedException when the BMC refuses the action or does not offer it
   */
  BmcReading forceOff(Duration within);
}
