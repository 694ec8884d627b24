package io.poolrescue.cli.options;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.cli.DurationText;
import java.util.List;
import picocli.CommandLine.Option;

/** The run's approval policy; flags override the request file's {@code approvals} field by field. */
public class ApprovalOptions {
  @Option(names = "--approvers", split = ",", paramLabel = "NAME", description = "Who may decide gates (default: anyone but the starter)")
  List<String> approvers;

  @Option(names = "--quorum", paramLabel = "N", description = "Approvals each gate needs (default 1)")
  Integer quorum;

  @Option(names = "--allow-starter-approval", description = "Turn four-eyes off: the starter may approve too")
  Boolean allowStarterApproval;

  @Option(names = "--remind-after", paramLabel = "DURATION", description = "Remind after, e.g. 15m (default 15m)")
  String remindAfter;

  @Option(names = "--expire-after", paramLabel = "DURATION", description = "A gate expires after, e.g. 4h (default 4h); the run stops safely")
  String expireAfter;

  public boolean given() {
    return approvers != null || quorum != null || allowStarterApproval != null || remindAfter != null || expireAfter != null;
  }

  public void applyTo(ObjectNode request) {
    if (!given()) {
      return;
    }
    ObjectNode p = request.has("approvals") && request.get("approvals").isObject()
        ? (ObjectNode) request.get("approvals")
        : request.putObject("approvals");
    if (approvers != null) {
      ArrayNode a = p.putArray("approvers");
      approvers.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(a::add);
    }
    if (quorum != null) {
      p.put("quorum", quorum);
    }
    if (allowStarterApproval != null) {
      p.put("allowStarterApproval", allowStarterApproval);
    }
    if (remindAfter != null) {
      p.put("remindAfter", DurationText.parse(remindAfter).toString());
    }
    if (expireAfter != null) {
      p.put("expireAfter", DurationText.parse(expireAfter).toString());
    }
  }
}
