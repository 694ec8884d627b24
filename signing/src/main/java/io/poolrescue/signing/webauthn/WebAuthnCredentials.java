package io.poolrescue.signing.webauthn;

import io.poolrescue.signing.Names;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The WebAuthn credentials the worker's policy lists, and the relying party they sign for, read from
 * one JSON document (the policy's credentials file):
 *
 * <pre>{@code
 * {
 *   "rpId": "localhost",
 *   "origins": ["http://localhost:8088"],
 *   "requireUserVerification": false,
 *   "credentials": [
 *     {"person": "bob", "credentialId": "AbC...", "publicKey": "MFkw...", "algorithm": -7, "label": "bob yubikey"}
 *   ]
 * }
 * }</pre>
 *
 * <p>All four top-level fields are required; in an entry {@code label} may be absent or null. The
 * reading is strict: an unknown field, a duplicate key, a wrong type, a credential id listed twice or
 * a key that does not parse as its algorithm refuses the whole file, so a typo cannot silently drop
 * a check. {@code credentialId} and {@code publicKey} are base64url without padding, the first as
 * {@code PublicKeyCredential.id}, the second the SubjectPublicKeyInfo DER that
 * {@code AuthenticatorAttestationResponse.getPublicKey()} returns; {@code algorithm} is the COSE
 * algorithm, -7 (ES256) or -8 (EdDSA). {@link WebAuthnEnrolment#entryJson} writes an entry.
 */
public final class WebAuthnCredentials {
  private static final Set<String> TOP_FIELDS = Set.of("rpId", "origins", "requireUserVerification", "credentials");
  private static final Set<String> ENTRY_FIELDS = Set.of("person", "credentialId", "publicKey", "algorithm", "label");
  private static final WebAuthnCredentials NONE = new WebAuthnCredentials("", null, List.of());

  private final String text;
  private final WebAuthnRelyingParty relyingParty;
  private final List<WebAuthnCredential> credentials;
  private final Map<String, WebAuthnCredential> byId = new HashMap<>();

  private WebAuthnCredentials(String text, WebAuthnRelyingParty relyingParty, List<WebAuthnCredential> credentials) {
    this.text = text;
    this.relyingParty = relyingParty;
    this.credentials = List.copyOf(credentials);
    this.credentials.forEach(c -> byId.put(c.credentialId(), c));
  }

  /** Parses the credentials file; anything wrong throws IllegalArgumentException naming the entry and field. */
  public static WebAuthnCredentials parse(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return read(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("WebAuthn credentials: " + e.getMessage(), e);
    }
  }

  private static WebAuthnCredentials read(String json) {
    Map<String, Object> top = object(Json.parse(json), "the document");
    only(top, TOP_FIELDS, "the document");
    List<String> origins = new ArrayList<>();
    List<Object> rawOrigins = required(top, "origins", List.class, "an array of strings", "the document");
    for (int i = 0; i < rawOrigins.size(); i++) {
      if (!(rawOrigins.get(i) instanceof String s)) {
        throw new IllegalArgumentException("origins[" + i + "] must be a string");
      }
      origins.add(s);
    }
    WebAuthnRelyingParty rp = new WebAuthnRelyingParty(required(top, "rpId", String.class, "a string", "the document"),
        origins, required(top, "requireUserVerification", Boolean.class, "true or false", "the document"));
    List<Object> entries = required(top, "credentials", List.class, "an array of objects", "the document");
    List<WebAuthnCredential> credentials = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = "credentials[" + i + "]";
      WebAuthnCredential c = entry(entries.get(i), where);
      Integer before = seen.putIfAbsent(c.credentialId(), i);
      if (before != null) {
        throw new IllegalArgumentException(where + ": credentialId " + c.credentialId()
            + " is already listed in credentials[" + before + "]");
      }
      credentials.add(c);
    }
    return new WebAuthnCredentials(json, rp, credentials);
  }

  /** No credentials and no relying party: no browser signature is accepted. */
  public static WebAuthnCredentials none() {
    return NONE;
  }

  /** {@link #none()} for a blank text (a policy that names no credentials file), else {@link #parse}. */
  public static WebAuthnCredentials parseOrNone(String json) {
    return json == null || json.isBlank() ? NONE : parse(json);
  }

  /** The relying party, or null for {@link #none()}. */
  public WebAuthnRelyingParty relyingParty() {
    return relyingParty;
  }

  public List<WebAuthnCredential> all() {
    return credentials;
  }

  public Optional<WebAuthnCredential> byId(String credentialId) {
    return Optional.ofNullable(credentialId == null ? null : byId.get(credentialId));
  }

  /** The credentials listed for {@code person} (names compared with {@link Names#same}), in file order. */
  public List<WebAuthnCredential> ofPerson(String person) {
    return credentials.stream().filter(c -> Names.same(c.person(), person)).toList();
  }

  /** The text parsed, byte for byte, to record what was in force ("" for {@link #none()}). */
  public String text() {
    return text;
  }

  private static WebAuthnCredential entry(Object raw, String where) {
    Map<String, Object> e = object(raw, where);
    only(e, ENTRY_FIELDS, where);
    Object label = e.get("label");
    if (label != null && !(label instanceof String)) {
      throw new IllegalArgumentException(where + ": label must be a string or null");
    }
    BigDecimal algorithm = required(e, "algorithm", BigDecimal.class, "an integer", where);
    int alg;
    try {
      alg = algorithm.intValueExact();
    } catch (ArithmeticException x) {
      throw new IllegalArgumentException(where + ": algorithm must be an integer", x);
    }
    String person = required(e, "person", String.class, "a string", where);
    String credentialId = required(e, "credentialId", String.class, "a string", where);
    String publicKey = required(e, "publicKey", String.class, "a string", where);
    try {
      return new WebAuthnCredential(person, credentialId, publicKey, alg, (String) label);
    } catch (IllegalArgumentException x) {
      throw new IllegalArgumentException(where + ": " + x.getMessage(), x);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object raw, String where) {
    if (!(raw instanceof Map)) {
      throw new IllegalArgumentException(where + " must be a JSON object");
    }
    return (Map<String, Object>) raw;
  }

  private static void only(Map<String, Object> map, Set<String> known, String where) {
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(where + ": unknown field '" + key
            + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T required(Map<String, Object> map, String key, Class<?> type, String what, String where) {
    Object value = map.get(key);
    if (value == null) {
      throw new IllegalArgumentException(where + ": " + key + " is missing");
    }
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(where + ": " + key + " must be " + what);
    }
    return (T) value;
  }

  @Override
  public String toString() {
    return "WebAuthnCredentials[" + credentials.size() + " credentials"
        + (relyingParty == null ? "" : " for " + relyingParty.rpId()) + "]";
  }
}
