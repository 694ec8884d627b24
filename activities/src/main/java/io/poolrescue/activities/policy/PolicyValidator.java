package io.poolrescue.activities.policy;

import io.poolrescue.signing.AllowedSigners;
import io.poolrescue.signing.webauthn.WebAuthnCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What makes a policy file unusable, each problem with where it is. */
final class PolicyValidator {
  private PolicyValidator() {}

  static List<String> problems(WorkerPolicy p, Set<String> procedures) {
    List<String> problems = new ArrayList<>();
    p.groups().forEach((name, members) -> {
      if (members == null || members.isEmpty()) {
        problems.add("groups." + name + ": a group needs at least one member");
      }
    });
    rule("defaults", p.defaults(), p.groups(), problems);
    p.procedures().forEach((name, proc) -> {
      if (!procedures.contains(name)) {
        problems.add("procedures." + name + ": no such procedure (known: " + procedures.stream().sorted().toList()
            + ")");
      }
      if (proc == null) {
        return;
      }
      rule("procedures." + name, proc.rule(), p.groups(), problems);
      proc.gates().forEach((gate, r) -> rule("procedures." + name + ".gates." + gate, r, p.groups(), problems));
    });
    SignaturePolicy s = p.signatures();
    boolean needsSigners = !s.unsignedDecisions() || !s.unsignedStarts();
    if (needsSigners && !SignaturePolicy.named(s.allowedSigners()) && !SignaturePolicy.named(s.webauthnCredentials())) {
      problems.add("signatures: unsigned decisions or starts are refused, so allowedSigners or webauthnCredentials "
          + "must name a file");
    }
    return problems;
  }

  private static void rule(String where, GateRule r, Map<String, List<String>> groups, List<String> problems) {
    if (r == null) {
      return;
    }
    if (r.quorum() != null && r.quorum() < 1) {
      problems.add(where + ".quorum: must be at least 1, is " + r.quorum());
    }
    if (r.groups() != null) {
      r.groups().stream().filter(g -> !groups.containsKey(g))
          .forEach(g -> problems.add(where + ".groups: no group '" + g + "' (defined: " + groups.keySet() + ")"));
    }
    positive(where + ".remindAfter", r.remindAfter(), problems);
    positive(where + ".expireAfter", r.expireAfter(), problems);
  }

  private static void positive(String where, Duration d, List<String> problems) {
    if (d != null && (d.isNegative() || d.isZero())) {
      problems.add(where + ": must be a positive duration such as PT15M, is " + d);
    }
  }

  /** The WebAuthn credentials file must parse; checked again by each run that verifies against it. */
  static List<String> credentialProblems(String text) {
    try {
      WebAuthnCredentials.parse(text);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of("signatures.webauthnCredentials: " + e.getMessage());
    }
  }

  /** The allowed-signers text must parse; checked again by each run that verifies against it. */
  static List<String> signerProblems(String text) {
    try {
      AllowedSigners.parse(text);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of("signatures.allowedSigners: " + e.getMessage());
    }
  }
}
