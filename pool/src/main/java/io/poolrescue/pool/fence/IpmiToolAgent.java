package io.poolrescue.pool.fence;

import io.poolrescue.pool.xapi.CredentialsUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IPMI 2.0 BMC through {@code ipmitool -I lanplus}. The password reaches ipmitool in its
 * environment ({@code IPMI_PASSWORD} with {@code -E}), never on its command line where every user of
 * the machine could read it. Every run is bounded by the request timeout and killed past it.
 */
public final class IpmiToolAgent implements FenceAgent {
  private static final Logger log = LoggerFactory.getLogger(IpmiToolAgent.class);
  static final String PASSWORD_VARIABLE = "IPMI_PASSWORD";

  private final BmcTarget target;
  private final IpmiAddress address;
  private final FenceOptions options;
  private final ProcessRunner runner;
  private final Clock clock;

  public IpmiToolAgent(BmcTarget target, FenceOptions options, ProcessRunner runner) {
    this(target, options, runner, Clock.systemUTC());
  }

  IpmiToolAgent(BmcTarget target, FenceOptions options, ProcessRunner runner, Clock clock) {
    if (target.kind() != BmcKind.IPMI) {
      throw new IllegalArgumentException("not an IPMI target: " + target.describe());
    }
    if (target.user() == null || target.user().isBlank() || target.user().startsWith("-")) {
      throw new IllegalArgumentException("an IPMI user is required for " + target.describe());
    }
    this.target = target;
    this.address = IpmiAddress.parse(target.address());
    this.options = Objects.requireNonNull(options, "options");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.clock = clock;
  }

  /**
   * What one ipmitool run gave: its result, or why there is none.
   *
   * @param cutShort the run was killed or interrupted: whatever it asked may still have happened
   */
  private record Run(ProcessRunner.Result result, String failure, boolean cutShort) {
    boolean ok() {
      return result != null && result.exitCode() == 0;
    }

    String why() {
      if (failure != null) {
        return failure;
      }
      String err = result.stderr().isBlank() ? result.stdout() : result.stderr();
      return "ipmitool exited with " + result.exitCode() + (err.isBlank() ? "" : ": " + Redaction.shorten(err, 300));
    }
  }

  @Override
  public BmcReading powerState() {
    Run run = ipmitool("power", "status");
    if (!run.ok()) {
      return unknown(run.why());
    }
    BmcPower power = IpmiOutput.power(run.result().stdout());
    if (power == null) {
      return unknown("unexpected ipmitool output: " + Redaction.shorten(run.result().stdout(), 200));
    }
    return BmcReading.of(power, target.describe(), clock.instant(), IpmiOutput.line(run.result().stdout()));
  }

  @Override
  public BmcReading forceOff(Duration within) {
    if (within == null || within.isNegative()) {
      throw new IllegalArgumentException("forceOff needs a non-negative bound");
    }
    Instant deadline = clock.instant().plus(within);
    BmcReading before = powerState();
    if (before.power() != BmcPower.ON) {
      return before; // already off: nothing to do; unknown: never act on a guess
    }
    Run off = ipmitool("power", "off");
    String failure = null;
    if (!off.ok()) {
      if (!off.cutShort()) {
        log.warn("{}: power off refused: {}", target.describe(), off.why());
        throw new FenceRefusedException(target.describe(), "power off refused (" + off.why() + ")");
      }
      failure = off.why(); // a timeout: it may have happened, the readings will tell
      log.warn("{}: power off unconfirmed: {}", target.describe(), failure);
    } else {
      log.info("{}: power off accepted", target.describe());
    }
    BmcReading last = poll(deadline);
    if (failure != null && !last.off()) {
      return new BmcReading(BmcPower.UNKNOWN, target.describe(), last.at(), last.raw(),
          "power off not confirmed (" + failure + "); last reading: " + (last.raw() != null ? last.raw() : last.reason()));
    }
    return last;
  }

  private BmcReading poll(Instant deadline) {
    BmcReading last;
    do {
      if (!PollPause.sleep(clock, deadline, options.pollInterval())) {
        return unknown("interrupted while waiting for the power-off");
      }
      last = powerState();
      if (last.off()) {
        return last;
      }
    } while (clock.instant().isBefore(deadline));
    return last;
  }

  /** The command line holds no secret: the password goes in the child's environment. */
  List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(options.ipmitool(), "-I", "lanplus",
        "-H", address.host(), "-p", Integer.toString(address.port()), "-U", target.user(), "-E"));
    if (options.ipmiCipherSuite() != null) {
      cmd.addAll(List.of("-C", options.ipmiCipherSuite().toString()));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  private Run ipmitool(String... args) {
    String password;
    try {
      password = target.password().password();
    } catch (CredentialsUnavailableException e) {
      return new Run(null, e.getMessage(), false);
    }
    try {
      ProcessRunner.Result r = runner.run(command(args), Map.of(PASSWORD_VARIABLE, password), options.requestTimeout());
      String err = Redaction.scrub(r.stderr(), password);
      String out = Redaction.scrub(r.stdout(), password);
      return new Run(new ProcessRunner.Result(r.exitCode(), out, err), null, false);
    } catch (IOException e) {
      return new Run(null, "ipmitool cannot be run (" + options.ipmitool()
          + "; install the ipmitool package): " + e.getMessage(), false);
    } catch (TimeoutException e) {
      return new Run(null, "timeout: ipmitool " + String.join(" ", args) + " did not finish within "
          + options.requestTimeout().toMillis() + " ms (killed)", true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(null, "interrupted while running ipmitool", true);
    }
  }

  private BmcReading unknown(String reason) {
    log.debug("{}: power unknown: {}", target.describe(), reason);
    return BmcReading.unknown(target.describe(), clock.instant(), reason);
  }
}
