package io.poolrescue.pool.fence;

import io.poolrescue.pool.xapi.CredentialSource;
import java.time.Duration;

/** Targets and options shared by the Redfish tests: short bounds so faults are quick to see. */
final class RedfishTestSupport {
  static final String PASSWORD = "Pw-7f3a!s3cret";
  static final FenceOptions OPTIONS = FenceOptions.defaults()
      .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(600))
      .withPollInterval(Duration.ofMillis(50));

  private RedfishTestSupport() {}

  static CredentialSource password(String value) {
    return new CredentialSource.FromEnv("BMC_PASSWORD", name -> value);
  }

  static BmcTarget target(String url, String serial) {
    return target(url, serial, PASSWORD, null);
  }

  static BmcTarget target(String url, String serial, String password, String pin) {
    return new BmcTarget(BmcKind.REDFISH, url, FakeRedfish.USER, password(password), pin, serial);
  }
}
