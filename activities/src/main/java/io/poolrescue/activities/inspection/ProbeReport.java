package io.poolrescue.activities.inspection;

import io.poolrescue.pool.HostProbe;
import java.util.List;

/** What answered at each address, in the order asked, with a fingerprint of those answers. */
public record ProbeReport(List<HostProbe> probes, String fingerprint) {

  public ProbeReport {
    probes = List.copyOf(probes);
  }

  public HostProbe at(String address) {
    return probes.stream().filter(p -> p.address().equals(address)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no probe of " + address));
  }
}
