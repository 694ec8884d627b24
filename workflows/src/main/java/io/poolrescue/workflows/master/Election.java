package io.poolrescue.workflows.master;

import io.poolrescue.activities.inspection.ProbeReport;
import io.poolrescue.pool.HostProbe;
import java.util.List;
import java.util.Optional;

/** Whether HA (or someone) has already made a member master: the run must not promote a second one. */
final class Election {
  private Election() {}

  static Optional<String> electedMember(ProbeReport p, List<String> members) {
    return members.stream().filter(m -> p.at(m) instanceof HostProbe.Master).findFirst();
  }
}
