package io.poolrescue.signing;

import static io.poolrescue.signing.SignatureRefused.Reason.MALFORMED;

import java.util.Base64;

/** The text wrapping of an SSHSIG blob (PROTOCOL.sshsig "Armored format"). */
final class SshArmor {
  static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
  static final String END = "-----END SSH SIGNATURE-----";
  private static final int LINE = 70;

  static byte[] dearmor(String armored) {
    if (armored == null) {
      throw new SignatureRefused(MALFORMED, "there is no signature");
    }
    String text = armored.replace("\r", "").strip();
    if (!text.startsWith(BEGIN + "\n") || !text.endsWith("\n" + END)) {
      throw new SignatureRefused(MALFORMED,
          "not an SSH signature: it must start with '" + BEGIN + "' and end with '" + END + "'");
    }
    String body = text.substring(BEGIN.length() + 1, text.length() - END.length() - 1);
    StringBuilder base64 = new StringBuilder(body.length());
    for (String line : body.split("\n")) {
      base64.append(line.strip());
    }
    try {
      return Base64.getDecoder().decode(base64.toString());
    } catch (IllegalArgumentException e) {
      throw new SignatureRefused(MALFORMED, "the SSH signature's body is not valid base64", e);
    }
  }

  static String armor(byte[] blob) {
    String base64 = Base64.getEncoder().encodeToString(blob);
    StringBuilder out = new StringBuilder(BEGIN).append('\n');
    for (int i = 0; i < base64.length(); i += LINE) {
      out.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
    }
    return out.append(END).append('\n').toString();
  }

  private SshArmor() {}
}
