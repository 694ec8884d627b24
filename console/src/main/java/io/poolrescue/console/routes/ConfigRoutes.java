package io.poolrescue.console.routes;

import io.javalin.Javalin;
import io.poolrescue.console.ConsoleSettings;
import io.poolrescue.signing.webauthn.WebAuthnCredential;
import io.poolrescue.signing.webauthn.WebAuthnCredentials;
import java.util.List;

/** What the pages need to know first: whether anyone can sign here, and with which credentials. */
public final class ConfigRoutes {
  static final String CONFIG = "/api/config";

  private final ConsoleSettings settings;

  public ConfigRoutes(ConsoleSettings settings) {
    this.settings = settings;
  }

  /** A listed credential as the pages show it (the public key stays out: the browser does not need it). */
  public record Signer(String person, String credentialId, String label) {}

  /**
   * @param signing false: the console shows everything read-only (no credential is listed)
   * @param pool whether the pool page has a source (the dev stack's admin endpoint)
   */
  public record Config(boolean signing, String rpId, List<Signer> signers, boolean pool) {}

  public void register(Javalin app) {
    app.get(CONFIG, ctx -> {
      WebAuthnCredentials credentials = settings.credentials();
      List<Signer> signers = credentials.all().stream()
          .map((WebAuthnCredential c) -> new Signer(c.person(), c.credentialId(), c.label())).toList();
      ctx.json(new Config(!signers.isEmpty(), credentials.relyingParty() == null ? null
          : credentials.relyingParty().rpId(), signers, settings.devAdmin() != null));
    });
  }
}
