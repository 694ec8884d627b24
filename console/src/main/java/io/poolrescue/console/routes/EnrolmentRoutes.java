package io.poolrescue.console.routes;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.poolrescue.console.ConsoleRefusal;
import io.poolrescue.console.ConsoleSettings;
import io.poolrescue.console.JsonBodies;
import io.poolrescue.signing.SignatureRefused;
import io.poolrescue.signing.webauthn.WebAuthnCredential;
import io.poolrescue.signing.webauthn.WebAuthnCredentials;
import io.poolrescue.signing.webauthn.WebAuthnEnrolment;
import io.poolrescue.signing.webauthn.WebAuthnRelyingParty;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enrolment: a person makes a credential on their authenticator and gets the entry an administrator
 * adds to the worker's credentials file. The console writes nothing: who may sign stays the
 * administrator's decision, in the policy, as with SSH keys.
 */
public final class EnrolmentRoutes {
  static final String CHALLENGE = "/api/enrolment/challenge";
  static final String ENROL = "/api/enrolment";
  /** A creation challenge is good for this long, and once. */
  static final Duration CHALLENGE_LIFE = Duration.ofMinutes(5);

  private final ConsoleSettings settings;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> challenges = new ConcurrentHashMap<>();

  public EnrolmentRoutes(ConsoleSettings settings) {
    this.settings = settings;
  }

  public record Challenge(String challenge, String rpId, String userId) {}

  /** What navigator.credentials.create() returned, each binary field in base64url. */
  public record Created(String person, String label, String challenge, String credentialId, String clientDataJSON,
      String authenticatorData, String publicKey, Integer algorithm) {}

  /** The credentials file entry, as JSON text to paste, and the parsed fields. */
  public record Entry(String json, WebAuthnCredential credential) {}

  public void register(Javalin app) {
    app.post(CHALLENGE, this::challenge);
    app.post(ENROL, this::enrol);
  }

  private WebAuthnRelyingParty relyingParty() {
    WebAuthnCredentials credentials = settings.credentials();
    if (credentials.relyingParty() == null) {
      throw new ConsoleRefusal(409, "the console has no WebAuthn credentials file (--credentials FILE, the worker's "
          + "signatures.webauthnCredentials): it cannot say which relying party to enrol for");
    }
    return credentials.relyingParty();
  }

  private void challenge(Context ctx) {
    WebAuthnRelyingParty rp = relyingParty();
    Instant now = Instant.now();
    challenges.values().removeIf(until -> until.isBefore(now));
    String challenge = b64(bytes(32));
    challenges.put(challenge, now.plus(CHALLENGE_LIFE));
    ctx.json(new Challenge(challenge, rp.rpId(), b64(bytes(16))));
  }

  private void enrol(Context ctx) {
    Created c = JsonBodies.read(ctx, Created.class);
    String person = JsonBodies.required(c.person(), "person");
    Instant until = c.challenge() == null ? null : challenges.remove(c.challenge());
    if (until == null || until.isBefore(Instant.now())) {
      throw new ConsoleRefusal("the enrolment challenge is unknown, used or older than " + CHALLENGE_LIFE.toMinutes()
          + " minutes: start the enrolment again");
    }
    if (c.algorithm() == null) {
      throw new ConsoleRefusal("algorithm is required (the authenticator's getPublicKeyAlgorithm())");
    }
    WebAuthnRelyingParty rp = relyingParty();
    try {
      WebAuthnCredential credential = WebAuthnEnrolment.enrol(person, c.label(),
          JsonBodies.required(c.credentialId(), "credentialId"), JsonBodies.required(c.clientDataJSON(), "clientDataJSON"),
          JsonBodies.required(c.authenticatorData(), "authenticatorData"), JsonBodies.required(c.publicKey(), "publicKey"),
          c.algorithm(), Base64.getUrlDecoder().decode(c.challenge()), rp.rpId(), rp.origins());
      ctx.json(new Entry(WebAuthnEnrolment.entryJson(credential), credential));
    } catch (SignatureRefused e) {
      throw new ConsoleRefusal("the enrolment is refused (" + e.reason() + "): " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConsoleRefusal("the enrolment is refused: " + e.getMessage());
    }
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
