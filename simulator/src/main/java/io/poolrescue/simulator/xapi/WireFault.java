package io.poolrescue.simulator.xapi;

/** What can go wrong with one call on the wire, as a recovery meets it on a real network. */
public enum WireFault {
  /**
   * The connection drops before the host reads the call: nothing happened. The client cannot tell
   * this from a reply lost after the call took effect (a refused connection, which it can tell, is
   * what a host whose agent is down gives).
   */
  DROPPED_BEFORE,
  /** The call took effect and the connection dropped before the answer: the client sees an I/O error. */
  LOST_REPLY,
  /** The host answers, late: up to the plan's {@code slowest}. */
  SLOW,
  /**
   * The call took effect, then the host's agent restarted before answering: the answer is lost, the
   * address refuses connections while the agent starts, and the sessions it issued are gone.
   */
  AGENT_RESTART
}
