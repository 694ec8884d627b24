package io.poolrescue.simulator;

import java.time.Duration;
import java.util.List;

/**
 * How long operations take, apart from the liveness timings of {@link SimTimings}. A call with a
 * latency blocks its caller for that long on the {@link SimClock} without holding the simulation's
 * lock. {@link #instant()} is the default (unit tests); {@link #realistic()} follows the figures in
 * docs/simulated-pool.md; {@link #demo()} is realistic divided by ten.
 *
 * @param vmStart VM.start_on, from the call to a running domain (the guest's OS boots on after)
 * @param startsPerHost how many starts a host runs at once; further ones queue for a slot
 * @param powerStateReset VM.power_state_reset
 * @param resetVdis one resetvdis run (host and SR)
 * @param hostDestroy host.destroy
 * @param pbdPlug one PBD.plug (an SR attach); a restarting host plugs its PBDs one after another
 * @param poolJoin pool.join, up to the joiner's agent restart
 * @param hostRestoreUpload PUT /host_restore (upload and unpack of the image)
 * @param agentStartup an agent's start-up after its restart fuse or a boot, before it answers
 * @param smPausedRetry how long SM's activate retries a disk whose sm_config says {@code paused}
 *     before VM.start_on fails (120 tries 1 s apart on a real host)
 */
public record SimLatencies(
    Duration vmStart,
    int startsPerHost,
    Duration powerStateReset,
    Duration resetVdis,
    Duration hostDestroy,
    Duration pbdPlug,
    Duration poolJoin,
    Duration hostRestoreUpload,
    Duration agentStartup,
    Duration smPausedRetry) {

  public SimLatencies {
    List<Duration> all = List.of(vmStart, powerStateReset, resetVdis, hostDestroy, pbdPlug, poolJoin,
        hostRestoreUpload, agentStartup, smPausedRetry);
    for (Duration d : all) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("latencies must be present and not negative: " + all);
      }
    }
    if (startsPerHost < 1) {
      throw new IllegalArgumentException("a host starts at least one VM at a time, not " + startsPerHost);
    }
  }

  /**
   * The latency of a journaled call that lands its effect at once and then keeps its caller (zero
   * for calls without one; VM.start_on and resetvdis are timed by their callers).
   */
  Duration of(String call) {
    return switch (call) {
      case "VM.power_state_reset" -> powerStateReset;
      case "host.destroy" -> hostDestroy;
      case "PBD.plug" -> pbdPlug;
      case "pool.join" -> poolJoin;
      case "PUT /host_restore" -> hostRestoreUpload;
      default -> Duration.ZERO;
    };
  }

  /** Every operation takes no time; restarts and boots still take their {@link SimTimings}. */
  public static SimLatencies instant() {
    return new SimLatencies(Duration.ZERO, Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /** Figures of a real XCP-ng / XenServer pool (sources and estimates in docs/simulated-pool.md). */
  public static SimLatencies realistic() {
    return new SimLatencies(Duration.ofSeconds(20), 16, Duration.ofSeconds(1), Duration.ofSeconds(3),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(30), SmActivate.PAUSED_RETRY);
  }

  /** {@link #realistic()} divided by ten, for people watching the demo. */
  public static SimLatencies demo() {
    return realistic().scaled(10);
  }

  /** Every latency divided by {@code factor}; the start concurrency stays. */
  public SimLatencies scaled(long factor) {
    return new SimLatencies(vmStart.dividedBy(factor), startsPerHost, powerStateReset.dividedBy(factor),
        resetVdis.dividedBy(factor), hostDestroy.dividedBy(factor), pbdPlug.dividedBy(factor),
        poolJoin.dividedBy(factor), hostRestoreUpload.dividedBy(factor), agentStartup.dividedBy(factor),
        smPausedRetry.dividedBy(factor));
  }

  /** One of the profile names the command lines accept: instant, realistic, demo. */
  public static SimLatencies named(String name) {
    return switch (name) {
      case "instant" -> instant();
      case "realistic" -> realistic();
      case "demo" -> demo();
      default -> throw new IllegalArgumentException("latency profile must be instant, realistic or demo, not " + name);
    };
  }

  /** A copy with another PBD.plug time (tests of the not-yet-enabled window after a restart). */
  public SimLatencies withPbdPlug(Duration d) {
    return new SimLatencies(vmStart, startsPerHost, powerStateReset, resetVdis, hostDestroy, d, poolJoin,
        hostRestoreUpload, agentStartup, smPausedRetry);
  }

  /** A copy with another agent start-up time. */
  public SimLatencies withAgentStartup(Duration d) {
    return new SimLatencies(vmStart, startsPerHost, powerStateReset, resetVdis, hostDestroy, pbdPlug, poolJoin,
        hostRestoreUpload, d, smPausedRetry);
  }

  /** A copy with another PUT /host_restore time (tests of a long upload). */
  public SimLatencies withHostRestoreUpload(Duration d) {
    return new SimLatencies(vmStart, startsPerHost, powerStateReset, resetVdis, hostDestroy, pbdPlug, poolJoin, d,
        agentStartup, smPausedRetry);
  }

  /** A copy with another pool.join time (tests of a join answered after its latency). */
  public SimLatencies withPoolJoin(Duration d) {
    return new SimLatencies(vmStart, startsPerHost, powerStateReset, resetVdis, hostDestroy, pbdPlug, d,
        hostRestoreUpload, agentStartup, smPausedRetry);
  }

  /** A copy with another VM start time and concurrency per host. */
  public SimLatencies withVmStart(Duration d, int perHost) {
    return new SimLatencies(d, perHost, powerStateReset, resetVdis, hostDestroy, pbdPlug, poolJoin,
        hostRestoreUpload, agentStartup, smPausedRetry);
  }
}
