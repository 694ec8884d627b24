package io.poolrescue.workflows.master;

import io.poolrescue.activities.inspection.ProbeReport;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.workflows.api.MasterFailureRequest;
import io.poolrescue.workflows.core.Probes;
import java.util.List;

/** The member to promote (null when none can be) and why. */
record Choice(String address, String why) {

  /**
   * The named member, or the first member in the request's order that answers as a member or from
   * emergency mode. Free memory would be a better tie-break, but members forward every query to the
   * dead master, so it cannot be read.
   */
  static Choice of(MasterFailureRequest r, List<String> members, ProbeReport probes) {
    if (r.newMasterAddress() != null && !r.newMasterAddress().isBlank()) {
      HostProbe p = probes.at(r.newMasterAddress());
      if (p instanceof HostProbe.Unidentified) {
        return new Choice(null, "the member named in the request, " + r.newMasterAddress() + ", " + Probes.describe(p));
      }
      return p.answers()
          ? new Choice(r.newMasterAddress(), "named in the request; " + Probes.describe(p))
          : new Choice(null, "the member named in the request, " + r.newMasterAddress() + ", does not answer");
    }
    for (String m : members) {
      HostProbe p = probes.at(m);
      if (p instanceof HostProbe.Slave || p instanceof HostProbe.Unavailable u
          && XapiErrors.HOST_STILL_BOOTING.equals(u.errorCode())) {
        return new Choice(m, "first member in the request's order that answers (" + Probes.describe(p) + ")");
      }
    }
    return new Choice(null, "no member answers: " + members);
  }
}
