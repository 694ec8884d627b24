package io.poolrescue.pool.fence;

/** Removes secrets from text that came from a BMC (error messages) before it is kept or printed. */
final class Redaction {
  private Redaction() {}

  static String scrub(String text, String... secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, "***");
      }
    }
    return out;
  }

  /** At most {@code max} characters on one line: BMC messages end up in gate texts. */
  static String shorten(String text, int max) {
    String one = text.replaceAll("\\s+", " ").strip();
    return one.length() <= max ? one : one.substring(0, max) + "...";
  }
}
