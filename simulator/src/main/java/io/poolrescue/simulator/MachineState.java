package io.poolrescue.simulator;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import java.util.List;

/** What the network sees at one address right now. */
public sealed interface MachineState {

  /** A XAPI that serves requests; {@code masterAddress} is its own address when it is a master or standalone. */
  record Up(String hostUuid, boolean master, String masterAddress) implements MachineState {}

  /**
   * A XAPI in emergency mode: it answers but refuses service (HOST_STILL_BOOTING when it could not
   * reach its master at start-up, HOST_BROKEN, HOST_UNKNOWN_TO_MASTER) except to emergency calls.
   */
  record Unavailable(String hostUuid, String errorCode) implements MachineState {
    /** The refusal a login or call at this address gets; HOST_UNKNOWN_TO_MASTER names the host, as in xapi. */
    public XapiException refusal() {
      return XapiErrors.HOST_UNKNOWN_TO_MASTER.equals(errorCode)
          ? new XapiException(errorCode, List.of(hostUuid)) : new XapiException(errorCode);
    }
  }

  /** Nothing answers: powered off, network cut, hardware lost, agent restarting, rebooting, or no machine there. */
  record Down(String reason) implements MachineState {}
}
