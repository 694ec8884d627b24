package io.poolrescue.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads allowed_signers lines: {@code principals [options] keytype base64 [comment]} (ssh-keygen(1),
 * ALLOWED SIGNERS). Stricter than ssh-keygen in one way: any bad line refuses the whole file at once,
 * where ssh-keygen only fails when a search reaches it.
 */
final class AllowedSignersParser {
  /** A parsed line with its number and its times read. */
  record Line(int number, AllowedSigner signer, Instant validAfter, Instant validBefore) {}

  static List<Line> parse(String text) {
    List<Line> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
      String trimmed = stripLeading(line);
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      try {
        lines.add(parseLine(i + 1, trimmed));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("allowed signers line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return lines;
  }

  private static Line parseLine(int number, String line) {
    Cursor c = new Cursor(line);
    String principalField = c.principals();
    List<String> principals = Arrays.asList(principalField.split(",", -1));
    if (principals.stream().anyMatch(p -> p.isEmpty() || p.equals("!"))) {
      throw new IllegalArgumentException("the principals '" + principalField + "' contain an empty entry");
    }
    String token = c.token();
    if (token.isEmpty()) {
      throw new IllegalArgumentException("a key is missing after the principals");
    }
    Options options = new Options();
    if (!SshKeyTypes.isKnown(token)) {
      options.read(token);
      token = c.token();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("a key is missing after the options");
      }
      if (!SshKeyTypes.isKnown(token)) {
        throw new IllegalArgumentException("'" + token + "' is not an SSH key type");
      }
    }
    String base64 = c.token();
    if (base64.isEmpty()) {
      throw new IllegalArgumentException("the " + token + " key has no base64 data");
    }
    SshPublicKey key = SshPublicKey.parse(token + " " + base64); // anything after it is a comment
    if (options.after != null && options.before != null && !options.before.isAfter(options.after)) {
      throw new IllegalArgumentException("valid-before is not after valid-after");
    }
    AllowedSigner signer = new AllowedSigner(principals, options.namespaces, key, options.afterText,
        options.beforeText, options.certAuthority);
    return new Line(number, signer, options.after, options.before);
  }

  /** The comma-separated options field; keywords are case-insensitive, values are double-quoted. */
  private static final class Options {
    boolean certAuthority;
    List<String> namespaces = List.of();
    boolean namespacesSeen;
    String afterText;
    String beforeText;
    Instant after;
    Instant before;

    void read(String field) {
      int i = 0;
      while (i < field.length()) {
        int eq = field.indexOf('=', i);
        int comma = field.indexOf(',', i);
        if (eq < 0 || (comma >= 0 && comma < eq)) {
          int end = comma < 0 ? field.length() : comma;
          String flag = field.substring(i, end);
          if (!flag.equalsIgnoreCase("cert-authority")) {
            throw new IllegalArgumentException("unknown option '" + flag + "'");
          }
          if (certAuthority) {
            throw new IllegalArgumentException("cert-authority is given twice");
          }
          certAuthority = true;
          i = end;
        } else {
          String name = field.substring(i, eq).toLowerCase(Locale.ROOT);
          int[] next = new int[1];
          String value = dequote(field, eq + 1, name, next);
          set(name, value);
          i = next[0];
        }
        if (i < field.length()) {
          if (field.charAt(i) != ',') {
            throw new IllegalArgumentException("options must be separated by commas, without spaces");
          }
          i++;
          if (i == field.length()) {
            throw new IllegalArgumentException("the options end with a comma");
          }
        }
      }
    }

    private void set(String name, String value) {
      switch (name) {
        case "namespaces" -> {
          if (namespacesSeen) {
            throw new IllegalArgumentException("namespaces is given twice");
          }
          namespacesSeen = true;
          namespaces = Arrays.asList(value.split(",", -1));
          if (namespaces.stream().anyMatch(n -> n.isEmpty() || n.equals("!"))) {
            throw new IllegalArgumentException("namespaces=\"" + value + "\" contains an empty entry");
          }
        }
        case "valid-after" -> {
          if (afterText != null) {
            throw new IllegalArgumentException("valid-after is given twice");
          }
          afterText = value;
          after = SshTimestamp.parse(value);
        }
        case "valid-before" -> {
          if (beforeText != null) {
            throw new IllegalArgumentException("valid-before is given twice");
          }
          beforeText = value;
          before = SshTimestamp.parse(value);
        }
        default -> throw new IllegalArgumentException("unknown option '" + name + "'");
      }
    }

    /** As OpenSSH: the value must be in double quotes; {@code \"} stands for a quote inside. */
    private static String dequote(String field, int start, String name, int[] next) {
      if (start >= field.length() || field.charAt(start) != '"') {
        throw new IllegalArgumentException(
            "the value of " + name + " must be in double quotes, e.g. " + name + "=\"...\"");
      }
      StringBuilder value = new StringBuilder();
      int i = start + 1;
      while (i < field.length() && field.charAt(i) != '"') {
        if (field.charAt(i) == '\\' && i + 1 < field.length() && field.charAt(i + 1) == '"') {
          i++;
        }
        value.append(field.charAt(i++));
      }
      if (i >= field.length()) {
        throw new IllegalArgumentException("the value of " + name + " has no closing quote");
      }
      next[0] = i + 1;
      return value.toString();
    }
  }

  /** Splits a line into whitespace-separated fields; a double-quoted part may contain spaces. */
  private static final class Cursor {
    private final String line;
    private int pos;

    Cursor(String line) {
      this.line = line;
    }

    /** The principals field, either bare or entirely in double quotes. */
    String principals() {
      if (line.startsWith("\"")) {
        int close = line.indexOf('"', 1);
        if (close < 0) {
          throw new IllegalArgumentException("the quoted principals have no closing quote");
        }
        pos = close + 1;
        if (pos < line.length() && !isSpace(line.charAt(pos))) {
          throw new IllegalArgumentException("a space must follow the quoted principals");
        }
        return line.substring(1, close);
      }
      String field = token();
      if (field.indexOf('"') >= 0) {
        throw new IllegalArgumentException("quote the whole principals field or none of it");
      }
      return field;
    }

    /** The next field; quotes are kept, spaces inside them do not split. Empty at the end. */
    String token() {
      while (pos < line.length() && isSpace(line.charAt(pos))) {
        pos++;
      }
      int start = pos;
      boolean quoted = false;
      while (pos < line.length() && (quoted || !isSpace(line.charAt(pos)))) {
        if (line.charAt(pos) == '\\' && quoted && pos + 1 < line.length()) {
          pos++;
        } else if (line.charAt(pos) == '"') {
          quoted = !quoted;
        }
        pos++;
      }
      if (quoted) {
        throw new IllegalArgumentException("a double quote is not closed");
      }
      return line.substring(start, pos);
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private AllowedSignersParser() {}
}
