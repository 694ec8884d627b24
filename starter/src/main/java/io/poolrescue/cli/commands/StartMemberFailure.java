package io.poolrescue.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.cli.Procedure;
import io.poolrescue.workflows.api.MemberFailureRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "member-failure",
    aliases = "MemberFailureRecovery",
    mixinStandardHelpOptions = true,
    description = "A member host stopped heartbeating: REPAIR waits for it; FORGET removes it and restarts its VMs elsewhere.")
class StartMemberFailure extends StartRun {
  @Option(names = "--pool", paramLabel = "ADDRESS", description = "The pool master's address")
  String pool;

  @Option(names = "--host", paramLabel = "UUID", description = "The failed member's uuid")
  String host;

  @Option(names = "--mode", paramLabel = "REPAIR|FORGET", description = "REPAIR or FORGET")
  MemberFailureRequest.Mode mode;

  @Option(names = "--max-parallel", paramLabel = "N", description = "VM resets in flight at once (default 8); "
      + "also caps the VM starts in flight (default: each host's start slots)")
  Integer maxParallel;

  @Override
  Procedure procedure() {
    return Procedure.MEMBER_FAILURE;
  }

  @Override
  void putFlags(ObjectNode r) {
    if (pool != null) r.put("poolAddress", pool);
    if (host != null) r.put("hostUuid", host);
    if (mode != null) r.put("mode", mode.name());
    if (maxParallel != null) r.put("maxParallel", maxParallel);
  }

  @Override
  Map<String, String> required() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("poolAddress", "--pool");
    m.put("hostUuid", "--host");
    m.put("mode", "--mode");
    return m;
  }
}
