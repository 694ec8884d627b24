package io.poolrescue.activities.master;

import java.util.List;

/** What {@code recoverSlaves} did: the hosts {@code pool.recover_slaves} re-pointed, or none when all followed already. */
public record RecoverResult(String masterAddress, boolean called, List<String> recoveredHostUuids, String detail) {

  public RecoverResult {
    recoveredHostUuids = List.copyOf(recoveredHostUuids);
  }
}
