package io.poolrescue.signing;

import java.util.Set;

/** The OpenSSH key and signature algorithm names this module knows. */
final class SshKeyTypes {
  static final String ED25519 = "ssh-ed25519";
  static final String ECDSA_P256 = "ecdsa-sha2-nistp256";
  static final String RSA = "ssh-rsa";
  static final String SK_ED25519 = "sk-ssh-ed25519@openssh.com";
  static final String SK_ECDSA_P256 = "sk-ecdsa-sha2-nistp256@openssh.com";

  static final String SIG_RSA_SHA256 = "rsa-sha2-256";
  static final String SIG_RSA_SHA512 = "rsa-sha2-512";
  static final String SIG_WEBAUTHN_SK_ECDSA = "webauthn-sk-ecdsa-sha2-nistp256@openssh.com";

  /** Keys whose signatures this module verifies. */
  static final Set<String> SUPPORTED = Set.of(ED25519, ECDSA_P256, RSA, SK_ED25519, SK_ECDSA_P256);

  /**
   * Every public key type OpenSSH may write in a key file or an allowed_signers line. Keys of the
   * unsupported ones are still read (a shared allowed_signers file may list them), they just never
   * verify anything.
   */
  private static final Set<String> KNOWN = Set.of(ED25519, ECDSA_P256, RSA, SK_ED25519, SK_ECDSA_P256,
      "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-dss", "ssh-xmss@openssh.com",
      "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
      "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
      "ssh-rsa-cert-v01@openssh.com", "ssh-dss-cert-v01@openssh.com",
      "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
      "ssh-xmss-cert-v01@openssh.com");

  static boolean isKnown(String type) {
    return KNOWN.contains(type);
  }

  static boolean isSecurityKey(String type) {
    return SK_ED25519.equals(type) || SK_ECDSA_P256.equals(type);
  }

  private SshKeyTypes() {}
}
