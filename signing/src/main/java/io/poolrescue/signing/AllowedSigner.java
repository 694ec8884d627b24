package io.poolrescue.signing;

import java.util.List;
import java.util.Objects;

/**
 * One line of an allowed_signers file. {@code principals} and {@code namespaces} are pattern lists
 * as written ({@code *}, {@code ?}, a leading {@code !} negates); no namespaces means any namespace.
 * {@code validAfter} and {@code validBefore} are the timestamps as written, or null when absent.
 */
public record AllowedSigner(List<String> principals, List<String> namespaces, SshPublicKey key, String validAfter,
    String validBefore, boolean certAuthority) {
  public AllowedSigner {
    principals = List.copyOf(principals);
    namespaces = List.copyOf(namespaces);
    Objects.requireNonNull(key, "key");
    if (principals.isEmpty()) {
      throw new IllegalArgumentException("an allowed signer needs at least one principal");
    }
  }
}
