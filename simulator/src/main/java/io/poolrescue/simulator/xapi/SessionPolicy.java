package io.poolrescue.simulator.xapi;

import io.poolrescue.simulator.MachineState;
import java.util.Objects;

/**
 * Whether a session may be used for a call arriving at an address. A pool session lives in the
 * pool database: it is good on every host of the issuing master's pool, but only while that
 * address still holds the same master (after a promotion or a database restore the old sessions
 * are gone, and clients log in again). A local session is good only where it was issued. Either
 * ends when the agent that issued it restarts (xapi keeps sessions in memory).
 */
final class SessionPolicy {
  private final ServedSite site;

  SessionPolicy(ServedSite site) {
    this.site = site;
  }

  boolean validAt(ServerSession s, String address, MachineState here) {
    String hostHere = ServedSite.hostUuid(here);
    if (s.local()) {
      return s.issuedAt().equals(address) && Objects.equals(s.hostUuid(), hostHere)
          && site.runGoesOn(address, s.agentRun(), false);
    }
    MachineState issuer = address.equals(s.issuedAt()) ? here : site.machineAt(s.issuedAt());
    if (!(issuer instanceof MachineState.Up up) || !up.master() || !up.hostUuid().equals(s.hostUuid())
        || !site.runGoesOn(s.issuedAt(), s.agentRun(), false)) {
      return false;
    }
    if (address.equals(s.issuedAt())) {
      return true;
    }
    return hostHere != null && site.view(s.issuedAt()).snapshot().hostByUuid(hostHere).isPresent();
  }

  /** A task call may use a session whose agent is in the restart that ends its run, like the task itself. */
  boolean validForTasks(ServerSession s) {
    return site.runGoesOn(s.issuedAt(), s.agentRun(), true);
  }

  /** A local session carries the whole API only on a master; elsewhere only local/emergency calls. */
  static boolean allows(ServerSession s, ApiMethod m, MachineState here) {
    if (m.access() != ApiMethod.Access.POOL || !s.local()) {
      return true;
    }
    return here instanceof MachineState.Up up && up.master();
  }
}
