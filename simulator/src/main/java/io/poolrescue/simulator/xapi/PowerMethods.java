package io.poolrescue.simulator.xapi;

import io.poolrescue.simulator.VmPowerClient;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The VM power operations and host enable/disable that general XAPI clients use (Xen Orchestra's
 * {@code VM.start}, {@code VM.clean_shutdown}, ...), run by the simulator at the master reached
 * from the receiving host. {@code force} changes nothing the simulator models.
 */
final class PowerMethods {
  private PowerMethods() {}

  /** The methods also served as {@code Async.<name>}. */
  static final List<String> ASYNC = List.of("VM.start", "VM.start_on", "VM.clean_shutdown", "VM.hard_shutdown",
      "VM.clean_reboot", "VM.hard_reboot", "VM.suspend", "VM.resume", "host.disable", "host.enable");

  static List<ApiMethod> all() {
    Param vm = Param.ref("vm", "VM");
    Param host = Param.ref("host", "host");
    List<Param> start = List.of(vm, Param.bool("start_paused"), Param.bool("force"));
    return List.of(
        ApiMethod.pool("VM.start", start, c -> {
          power(c).vmStart(c.uuid(0, "VM"), c.bool(1));
          return "";
        }),
        ApiMethod.pool("VM.resume", start, c -> {
          power(c).vmResume(c.uuid(0, "VM"), c.bool(1));
          return "";
        }),
        onVm("VM.clean_shutdown", vm, VmPowerClient::vmCleanShutdown),
        onVm("VM.hard_shutdown", vm, VmPowerClient::vmHardShutdown),
        onVm("VM.clean_reboot", vm, VmPowerClient::vmCleanReboot),
        onVm("VM.hard_reboot", vm, VmPowerClient::vmHardReboot),
        onVm("VM.suspend", vm, VmPowerClient::vmSuspend),
        onHost("host.disable", host, VmPowerClient::hostDisable),
        onHost("host.enable", host, VmPowerClient::hostEnable));
  }

  private static ApiMethod onVm(String name, Param vm, BiConsumer<VmPowerClient, String> op) {
    return ApiMethod.pool(name, List.of(vm), c -> {
      op.accept(power(c), c.uuid(0, "VM"));
      return "";
    });
  }

  private static ApiMethod onHost(String name, Param host, BiConsumer<VmPowerClient, String> op) {
    return ApiMethod.pool(name, List.of(host), c -> {
      op.accept(power(c), c.uuid(0, "host"));
      return "";
    });
  }

  private static VmPowerClient power(Call c) {
    return c.server().site().power(c.address());
  }
}
