package io.poolrescue.workflows.core;

import io.poolrescue.pool.HostProbe;

/** What answered at a host's address, worded for status lines and gate evidence. */
public final class Probes {
  private Probes() {}

  public static String describe(HostProbe p) {
    if (p instanceof HostProbe.Master) {
      return "answers as a pool master";
    } else if (p instanceof HostProbe.Slave s) {
      return "answers as a member of " + s.masterAddress();
    } else if (p instanceof HostProbe.Unavailable u) {
      return "answers but refuses service: " + u.errorCode();
    } else if (p instanceof HostProbe.Unidentified u) {
      return "answers, but not as an XAPI we can verify: " + u.detail();
    } else if (p instanceof HostProbe.Unreachable u) {
      return "nothing answers (" + u.reason() + ")";
    }
    throw new IllegalArgumentException("unknown probe " + p);
  }
}
