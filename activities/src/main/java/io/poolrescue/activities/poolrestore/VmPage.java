package io.poolrescue.activities.poolrestore;

import java.util.List;

/**
 * One page of VM uuids selected in the pool (thousands of uuids do not fit one Temporal payload
 * comfortably, so they travel in pages).
 *
 * @param total how many VMs the selection holds in all
 * @param fingerprint digest of the whole selection and the states it was made from
 */
public record VmPage(int total, int offset, List<String> vmUuids, String fingerprint) {
  public VmPage {
    vmUuids = List.copyOf(vmUuids);
  }

  public boolean last() {
    return offset + vmUuids.size() >= total;
  }
}
