package io.poolrescue.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The exact bytes a poolrescue signature covers (docs/signatures.md, "The signed text"): UTF-8
 * lines {@code key value}, each ending in a line feed, in this order. In values a backslash is
 * written {@code \\}, a line feed {@code \n} and a carriage return {@code \r}, so a reason cannot
 * add a line. The CLI, the console, the workflow's validator and the activities all build it here.
 */
public final class SignedText {
  /** The SSHSIG namespace of every poolrescue signature: a signature made for git or ssh is not one. */
  public static final String NAMESPACE = "poolrescue";
  public static final String FORMAT = "poolrescue-signed-text 1";

  private SignedText() {}

  /**
   * What an approver signs to decide at a gate: the run (and who started it), the gate, the pool
   * state it was computed from, the objects it touches, the decision and why.
   *
   * @param decision {@code APPROVE} or {@code REJECT}
   */
  public static byte[] decision(String workflowId, String runId, String requestedBy, String gateId,
      String fingerprint, List<String> targets, String decision, String approver, Instant signedAt, String reason) {
    return new Lines()
        .add("kind", "decision")
        .add("namespace", NAMESPACE)
        .add("workflow-id", workflowId)
        .add("run-id", runId)
        .add("requested-by", requestedBy)
        .add("gate-id", gateId)
        .add("fingerprint", fingerprint)
        .add("targets", targetsDigest(targets))
        .add("decision", decision)
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

  /**
   * {@code sha256:} and the hex SHA-256 of the targets sorted, each followed by a line feed: the
   * objects a gate's action touches, so an approval cannot be carried over to other objects.
   */
  public static String targetsDigest(List<String> targets) {
    StringBuilder joined = new StringBuilder();
    (targets == null ? List.<String>of() : targets).stream().sorted().forEach(t -> joined.append(t).append('\n'));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
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
