package io.poolrescue.signing;

import java.text.Normalizer;
import java.util.Locale;

/**
 * People's names as the approval rules compare them: Unicode NFKC, trimmed, lower case. "alice ",
 * "Alice" and a full-width "ａｌｉｃｅ" are one person, so none of them can approve alice's own run or
 * vote twice toward a quorum.
 */
public final class Names {
  private Names() {}

  /** Null stays null; everything else is compared in this form. */
  public static String normalize(String name) {
    return name == null ? null : Normalizer.normalize(name, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
  }

  public static boolean same(String a, String b) {
    return a != null && b != null && normalize(a).equals(normalize(b));
  }
}
