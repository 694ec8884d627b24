package io.poolrescue.workflows.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The exact bytes a poolrescue signature covers (docs/signatures.md, "The signed text"): UTF-8
 * lines {@code key value}, each ending in a line feed, in this order. In values a backslash is
 * written {@code \\}, a line feed {@code \n} and a carriage return {@code \r}, so a reason cannot
 * add a line. The CLI, the console and the workflow's validator all build it here.
 */
public final class SignedText {
  /** The SSHSIG namespace of every poolrescue signature: a signature made for git or ssh is not one. */
  public static final String NAMESPACE = "poolrescue";
  public static final String FORMAT = "poolrescue-signed-text 1";

  private SignedText() {}

  /** What an approver signs to decide at a gate. */
  public static byte[] decision(String workflowId, String runId, String gateId, String fingerprint, Decision decision,
      String approver, Instant signedAt, String reason) {
    return new Lines()
        .add("kind", "decision")
        .add("namespace", NAMESPACE)
        .add("workflow-id", workflowId)
        .add("run-id", runId)
        .add("gate-id", gateId)
        .add("fingerprint", fingerprint)
        .add("decision", decision.name())
        .add("approver", approver)
        .add("signed-at", signedAt.toString())
        .add("reason", reason)
        .bytes();
  }

  /** What the person who starts a run signs: the procedure and its request, as canonical JSON. */
  public static byte[] start(String workflowId, String procedure, String requestedBy, Instant signedAt,
      String canonicalRequest) {
    return new Lines()
        .add("kind", "start")
        .add("namespace", NAMESPACE)
        .add("workflow-id", workflowId)
        .add("procedure", procedure)
        .add("requested-by", requestedBy)
        .add("signed-at", signedAt.toString())
        .add("request", canonicalRequest)
        .bytes();
  }

  private static final class Lines {
    private final StringBuilder text = new StringBuilder(FORMAT).append('\n');

    Lines add(String key, String value) {
      text.append(key).append(' ').append(escape(value == null ? "" : value)).append('\n');
      return this;
    }

    byte[] bytes() {
      return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String v) {
      return v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
  }
}
