package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.xapi.XapiDateTime;
import io.poolrescue.simulator.MachineState;
import java.util.List;

/** The host and VM operations of the procedures, plus {@code host.get_servertime}. */
final class HostVmMethods {
  private HostVmMethods() {}

  static List<ApiMethod> all() {
    return List.of(
        ApiMethod.pool("host.destroy", List.of(Param.ref("self", "host")), c -> {
          c.pool().hostDestroy(c.uuid(0, "host"));
          return "";
        }),
        // An emergency call: true while this host's agent refuses normal service.
        ApiMethod.emergency("host.is_in_emergency_mode", List.of(),
            c -> c.state() instanceof MachineState.Unavailable),
        ApiMethod.pool("host.get_servertime", List.of(Param.ref("host", "host")),
            c -> XapiDateTime.format(c.server().site().now())),
        ApiMethod.pool("host.get_server_certificate", List.of(Param.ref("host", "host")), c -> {
          String uuid = c.uuid(0, "host");
          String address = c.pool().snapshot().hosts().stream().filter(h -> h.uuid().equals(uuid))
              .findFirst().orElseThrow().address();
          return c.server().identities().identity(address).pem();
        }),
        ApiMethod.pool("VM.power_state_reset", List.of(Param.ref("self", "VM")), c -> {
          c.pool().vmPowerStateReset(c.uuid(0, "VM"));
          return "";
        }),
        ApiMethod.pool("VM.start_on", List.of(Param.ref("vm", "VM"), Param.ref("host", "host"),
            Param.bool("start_paused"), Param.bool("force")), c -> {
              // paused/force change nothing the simulator models; the checks are start_on's own.
              c.pool().vmStartOn(c.uuid(0, "VM"), c.uuid(1, "host"));
              return "";
            }));
  }
}
