package io.poolrescue.signing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * OpenSSH pattern lists (ssh_config(5) PATTERNS): {@code *} matches any run of bytes, {@code ?} one
 * byte, a leading {@code !} negates. A list matches when some positive pattern matches and no
 * negated one does. Case-sensitive and byte-wise, as OpenSSH's match_pattern_list with dolower=0.
 */
final class SshPattern {
  static boolean matchesList(String subject, List<String> patterns) {
    byte[] s = subject.getBytes(StandardCharsets.UTF_8);
    boolean positive = false;
    for (String pattern : patterns) {
      boolean negated = pattern.startsWith("!");
      byte[] p = (negated ? pattern.substring(1) : pattern).getBytes(StandardCharsets.UTF_8);
      if (matches(s, p)) {
        if (negated) {
          return false; // a negated match vetoes the whole list
        }
        positive = true;
      }
    }
    return positive;
  }

  /** A pattern that names exactly one subject: no wildcard, not negated. */
  static boolean isLiteral(String pattern) {
    return !pattern.startsWith("!") && pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
  }

  /** Glob match with backtracking to the last star: linear enough for short names, no recursion. */
  static boolean matches(byte[] s, byte[] p) {
    int si = 0;
    int pi = 0;
    int star = -1;
    int mark = 0;
    while (si < s.length) {
      if (pi < p.length && (p[pi] == '?' || (p[pi] != '*' && p[pi] == s[si]))) {
        si++;
        pi++;
      } else if (pi < p.length && p[pi] == '*') {
        star = pi++;
        mark = si;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == '*') {
      pi++;
    }
    return pi == p.length;
  }

  private SshPattern() {}
}
