package io.poolrescue.pool.fence;

/** A machine's power as its BMC reports it. UNKNOWN is never read as OFF. */
public enum BmcPower {
  ON,
  OFF,
  /** The BMC did not answer, refused, or answered something that is not a power state. */
  UNKNOWN
}
