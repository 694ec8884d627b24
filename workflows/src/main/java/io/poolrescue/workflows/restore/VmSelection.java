package io.poolrescue.workflows.restore;

import java.util.List;

/** VMs read page by page from the pool, with the fingerprint of the whole selection. */
record VmSelection(List<String> uuids, String fingerprint) {
  VmSelection {
    uuids = List.copyOf(uuids);
  }
}
