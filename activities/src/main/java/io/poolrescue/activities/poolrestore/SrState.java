package io.poolrescue.activities.poolrestore;

/** A shared SR after a restore: how many live hosts have it plugged. */
public record SrState(String srUuid, String name, String type, int liveHosts, int attachedOnLiveHosts) {
  public boolean reachableEverywhere() {
    return liveHosts > 0 && attachedOnLiveHosts == liveHosts;
  }
}
