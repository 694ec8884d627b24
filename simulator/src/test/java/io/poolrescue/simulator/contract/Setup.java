package io.poolrescue.simulator.contract;


/** Which pool a contract case starts from (always with the fresh hosts fresh-1..fresh-4 beside it). */
public enum Setup {
  /** Preset {@code small}: host-1 (master), host-2, host-3; vm-01..vm-12; nfs-shared and local-host-N. */
  SMALL,
  /** Two 8 GiB hosts: vm-big (6 GiB) runs on tight-1, vm-extra (4 GiB) is halted. */
  TIGHT,
  /**
   * Preset {@code small} whose agents take {@link PoolClientContract#STARTUP_S} s to start after
   * their restart and {@link PoolClientContract#PLUG_S} s per PBD to plug: the not-ready windows.
   */
  SLOW_STARTUP,
  /**
   * Two hosts and two shared SRs: pair-1 (master) runs vm-ha (HA-protected) on vm-store; heartbeat
   * holds no disk, so it can take HA's statefile alone.
   */
  PAIR
}
