package io.poolrescue.signing.webauthn;

import java.util.List;

/**
 * Where assertions must come from: the relying party id (a domain such as {@code example.com}, whose
 * SHA-256 the authenticator writes in its data) and the origins the console is served from, exactly
 * as a browser writes them ({@code https://console.example.com}, no path, no trailing slash).
 *
 * @param requireUserVerification whether the authenticator must have checked a PIN or biometric
 */
public record WebAuthnRelyingParty(String rpId, List<String> origins, boolean requireUserVerification) {
  public WebAuthnRelyingParty {
    if (rpId == null || rpId.isBlank()) {
      throw new IllegalArgumentException("rpId is missing");
    }
    if (rpId.contains("/") || rpId.contains(":")) {
      throw new IllegalArgumentException("rpId '" + rpId + "' must be a domain such as 'example.com', not an origin or URL");
    }
    origins = origins == null ? List.of() : List.copyOf(origins);
    if (origins.isEmpty()) {
      throw new IllegalArgumentException("origins is empty: no console could sign");
    }
    for (String origin : origins) {
      if (origin.isBlank() || !origin.contains("://") || origin.endsWith("/")) {
        throw new IllegalArgumentException("origin '" + origin
            + "' must be written as a browser does: scheme://host[:port], no path, no trailing slash");
      }
    }
  }
}
