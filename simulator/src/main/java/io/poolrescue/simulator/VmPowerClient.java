package io.poolrescue.simulator;

import java.util.function.Consumer;

/**
 * The VM and host power calls beyond {@link io.poolrescue.pool.PoolClient} that general XAPI
 * clients (Xen Orchestra, xe) use, run at the master reached from one address, as XAPI runs them.
 * Each is journaled under its XAPI name; a refusal changes nothing.
 */
public final class VmPowerClient {
  private final Site site;
  private final String address;

  VmPowerClient(Site site, String address) {
    this.site = site;
    this.address = address;
  }

  /** {@code VM.start(vm, start_paused, force)}; {@code force} changes nothing the simulator models. */
  public void vmStart(String vmUuid, boolean paused) {
    run(ctx -> VmLifecycle.start(ctx, vmUuid, paused));
  }

  public void vmCleanShutdown(String vmUuid) {
    run(ctx -> VmLifecycle.shutdown(ctx, vmUuid, VmLifecycle.Stop.CLEAN));
  }

  public void vmHardShutdown(String vmUuid) {
    run(ctx -> VmLifecycle.shutdown(ctx, vmUuid, VmLifecycle.Stop.HARD));
  }

  public void vmCleanReboot(String vmUuid) {
    run(ctx -> VmLifecycle.reboot(ctx, vmUuid, false));
  }

  public void vmHardReboot(String vmUuid) {
    run(ctx -> VmLifecycle.reboot(ctx, vmUuid, true));
  }

  public void vmSuspend(String vmUuid) {
    run(ctx -> VmLifecycle.suspend(ctx, vmUuid));
  }

  /** {@code VM.resume(vm, start_paused, force)}. */
  public void vmResume(String vmUuid, boolean paused) {
    run(ctx -> VmLifecycle.resume(ctx, vmUuid, paused));
  }

  public void hostDisable(String hostUuid) {
    run(ctx -> HostOps.setEnabled(ctx, hostUuid, false));
  }

  public void hostEnable(String hostUuid) {
    run(ctx -> HostOps.setEnabled(ctx, hostUuid, true));
  }

  private void run(Consumer<Ctx> op) {
    site.poolCall(address, ctx -> {
      op.accept(ctx);
      return null;
    });
  }
}
