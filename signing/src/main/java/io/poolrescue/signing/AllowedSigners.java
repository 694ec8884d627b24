package io.poolrescue.signing;

import io.poolrescue.signing.AllowedSignersParser.Line;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An OpenSSH allowed_signers file, the one git names in gpg.ssh.allowedSignersFile. Immutable and
 * pure: every question is answered from the parsed text and the time given.
 *
 * <p>cert-authority lines are read but never match: poolrescue verifies plain keys, not certificates.
 */
public final class AllowedSigners {
  private final String text;
  private final List<Line> lines;

  private AllowedSigners(String text, List<Line> lines) {
    this.text = text;
    this.lines = List.copyOf(lines);
  }

  /** Parses a whole file; a bad line throws IllegalArgumentException naming its line number. */
  public static AllowedSigners parse(String text) {
    Objects.requireNonNull(text, "text");
    return new AllowedSigners(text, AllowedSignersParser.parse(text));
  }

  public List<AllowedSigner> entries() {
    return lines.stream().map(Line::signer).toList();
  }

  /** The text parsed, byte for byte, to record what was in force. */
  public String text() {
    return text;
  }

  /** Whether {@code key} may sign as {@code principal} for {@code namespace} at {@code at}, as {@code ssh-keygen -Y verify}. */
  public boolean allows(String principal, SshPublicKey key, String namespace, Instant at) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(namespace, "namespace");
    return lines.stream().anyMatch(l -> usable(l, key, namespace, at) && SshPattern.matchesList(principal, l.signer().principals()));
  }

  /**
   * The principals {@code key} may sign as for {@code namespace} at {@code at}, in file order: the
   * literal names of every usable line that its own pattern list allows (wildcards and negations name
   * no one). Unlike {@code ssh-keygen -Y find-principals}, which prints the raw field of the first
   * line with the key and does not look at namespaces.
   */
  public List<String> principalsOf(SshPublicKey key, String namespace, Instant at) {
    Objects.requireNonNull(namespace, "namespace");
    Set<String> found = new LinkedHashSet<>();
    for (Line l : lines) {
      if (usable(l, key, namespace, at)) {
        for (String p : l.signer().principals()) {
          if (SshPattern.isLiteral(p) && SshPattern.matchesList(p, l.signer().principals())) {
            found.add(p);
          }
        }
      }
    }
    return List.copyOf(found);
  }

  /** Why {@link #allows} said no, in plain words, naming the lines involved. */
  String whyNot(String principal, SshPublicKey key, String namespace, Instant at) {
    List<String> why = new ArrayList<>();
    for (Line l : lines) {
      AllowedSigner s = l.signer();
      boolean principalMatches = SshPattern.matchesList(principal, s.principals());
      if (s.certAuthority()) {
        if (principalMatches || s.key().equals(key)) {
          why.add("line " + l.number() + " is a cert-authority entry, and poolrescue does not accept SSH certificates,"
              + " so such entries never allow a signature");
        }
        continue;
      }
      if (!s.key().equals(key)) {
        continue;
      }
      if (!principalMatches) {
        why.add("line " + l.number() + " lists the key for " + String.join(",", s.principals()) + ", not '" + principal + "'");
      } else if (!namespaceAllowed(s, namespace)) {
        why.add("line " + l.number() + " allows the key for namespaces " + String.join(",", s.namespaces())
            + " only, not '" + namespace + "'");
      } else if (l.validAfter() != null && seconds(at).isBefore(l.validAfter())) {
        why.add("line " + l.number() + " allows the key only from " + l.validAfter() + " (the time checked is " + at + ")");
      } else if (l.validBefore() != null && seconds(at).isAfter(l.validBefore())) {
        why.add("line " + l.number() + " allowed the key only until " + l.validBefore() + " (the time checked is " + at + ")");
      }
    }
    String head = "key " + key.fingerprint() + " is not allowed to sign as '" + principal + "' for namespace '"
        + namespace + "'";
    return why.isEmpty() ? head + ": no allowed signers line lists that key" : head + ": " + String.join("; ", why);
  }

  private static boolean usable(Line l, SshPublicKey key, String namespace, Instant at) {
    AllowedSigner s = l.signer();
    if (s.certAuthority() || !s.key().equals(key) || !namespaceAllowed(s, namespace)) {
      return false;
    }
    Instant t = seconds(at);
    return (l.validAfter() == null || !t.isBefore(l.validAfter())) && (l.validBefore() == null || !t.isAfter(l.validBefore()));
  }

  private static boolean namespaceAllowed(AllowedSigner s, String namespace) {
    return s.namespaces().isEmpty() || SshPattern.matchesList(namespace, s.namespaces());
  }

  /** ssh-keygen compares whole seconds: a time inside the last second of valid-before is still valid. */
  private static Instant seconds(Instant at) {
    return Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "AllowedSigners[" + lines.size() + " entries]";
  }
}
