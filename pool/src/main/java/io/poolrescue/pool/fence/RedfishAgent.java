package io.poolrescue.pool.fence;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.xapi.ClientTls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DMTF Redfish BMC: the host's ComputerSystem (chosen by serial number), its {@code PowerState},
 * and {@code ComputerSystem.Reset} with {@code ForceOff}. Each call logs in (session or Basic) and
 * out again, so nothing is held between calls.
 */
public final class RedfishAgent implements FenceAgent {
  private static final Logger log = LoggerFactory.getLogger(RedfishAgent.class);
  private static final byte[] FORCE_OFF = "{\"ResetType\":\"ForceOff\"}".getBytes(StandardCharsets.UTF_8);
  private static final int MAX_PAGES = 10;

  private final BmcTarget target;
  private final FenceOptions options;
  private final RedfishEndpoint endpoint;
  private final RedfishHttp http;
  private final Clock clock;

  /** @throws IllegalArgumentException for an address that is not https (or http on loopback), or a bad pin */
  public RedfishAgent(BmcTarget target, FenceOptions options) {
    this(target, options, Clock.systemUTC());
  }

  RedfishAgent(BmcTarget target, FenceOptions options, Clock clock) {
    if (target.kind() != BmcKind.REDFISH) {
      throw new IllegalArgumentException("not a Redfish target: " + target.describe());
    }
    if (target.user() == null || target.user().isBlank()) {
      throw new IllegalArgumentException("a Redfish user is required for " + target.describe());
    }
    this.target = target;
    this.options = Objects.requireNonNull(options, "options");
    this.endpoint = RedfishEndpoint.parse(target.address());
    this.http = new RedfishHttp(ClientTls.context(target.tlsPinSha256()), options.connectTimeout(),
        options.requestTimeout());
    this.clock = clock;
  }

  /** One logged-in operation and the service's Systems collection. */
  private record Connection(RedfishSession session, URI systems) implements AutoCloseable {
    @Override
    public void close() {
      session.close();
    }
  }

  @Override
  public BmcReading powerState() {
    try (Connection c = connect()) {
      return reading(choose(c));
    } catch (BmcUnavailable e) {
      return unknown(e.reason());
    } catch (RuntimeException e) {
      log.warn("{}: unexpected {} while reading the power state", target.describe(), e.getClass().getName());
      return unknown("unexpected error: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public BmcReading forceOff(Duration within) {
    if (within == null || within.isNegative()) {
      throw new IllegalArgumentException("forceOff needs a non-negative bound");
    }
    Instant deadline = clock.instant().plus(within);
    try (Connection c = connect()) {
      RedfishSystems.Member system = choose(c);
      BmcReading before = reading(system);
      if (before.power() != BmcPower.ON) {
        return before; // already off: nothing to do; unknown: never act on a guess
      }
      RedfishReset reset = withActionInfo(c, RedfishReset.of(system.body()), system);
      String failure = post(c, endpoint.resolve(reset.target()), system);
      BmcReading last = poll(c, system.uri(), deadline);
      if (failure != null && !last.off()) {
        return new BmcReading(BmcPower.UNKNOWN, target.describe(), last.at(), last.raw(),
            "ForceOff not confirmed (" + failure + "); last reading: " + (last.raw() != null ? last.raw() : last.reason()));
      }
      return last;
    } catch (BmcUnavailable e) {
      return unknown(e.reason());
    }
  }

  private Connection connect() {
    JsonNode root = RedfishSession.serviceRoot(http, endpoint);
    JsonNode systems = root.path("Systems").path("@odata.id");
    if (!systems.isTextual()) {
      throw new BmcUnavailable("the service root has no Systems collection");
    }
    RedfishSession session = new RedfishSession(http, endpoint, target.user(), target.password(), sessions(root));
    try {
      session.login();
      return new Connection(session, endpoint.resolve(systems.asText()));
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** Where sessions are created, or null for Basic: the root's Links.Sessions, else the usual path. */
  private URI sessions(JsonNode root) {
    JsonNode link = root.path("Links").path("Sessions").path("@odata.id");
    if (link.isTextual()) {
      return endpoint.resolve(link.asText());
    }
    return root.has("SessionService") ? endpoint.resolve("/redfish/v1/SessionService/Sessions") : null;
  }

  private RedfishSystems.Member choose(Connection c) {
    List<RedfishSystems.Member> members = new ArrayList<>();
    URI page = c.systems();
    for (int n = 0; page != null && n < MAX_PAGES; n++) {
      JsonNode collection = c.session().get(page);
      for (JsonNode m : collection.path("Members")) {
        JsonNode id = m.path("@odata.id");
        if (id.isTextual()) {
          URI uri = endpoint.resolve(id.asText());
          members.add(new RedfishSystems.Member(uri, c.session().get(uri)));
        }
      }
      JsonNode next = collection.path("Members@odata.nextLink");
      page = next.isTextual() ? endpoint.resolve(next.asText()) : null;
    }
    return RedfishSystems.choose(members, target.systemSerial());
  }

  private BmcReading reading(RedfishSystems.Member system) {
    JsonNode state = system.body().get("PowerState");
    String raw = "PowerState " + (state == null ? "missing" : state.toString()) + " at " + system.uri().getPath();
    BmcPower power = RedfishPowerState.of(state);
    if (power == null) {
      String reason = state == null || state.isNull()
          ? "the BMC reports no PowerState for " + system.uri().getPath()
          : "unexpected " + raw;
      return new BmcReading(BmcPower.UNKNOWN, target.describe(), clock.instant(), raw, reason);
    }
    return BmcReading.of(power, target.describe(), clock.instant(), raw);
  }

  /** The reset action, with its ActionInfo's allowed values when the system lists none itself. */
  private RedfishReset withActionInfo(Connection c, RedfishReset reset, RedfishSystems.Member system) {
    String path = system.uri().getPath();
    if (reset == null) {
      throw refused("the system at " + path + " offers no #ComputerSystem.Reset action");
    }
    if (reset.allowed() == null && reset.actionInfo() != null) {
      try {
        List<String> allowed = RedfishReset.allowedIn(c.session().get(endpoint.resolve(reset.actionInfo())));
        if (allowed != null) {
          reset = reset.withAllowed(allowed);
        }
      } catch (BmcUnavailable e) {
        log.debug("{}: ActionInfo unreadable ({}), trying ForceOff", target.describe(), e.reason());
      }
    }
    if (!reset.offersForceOff()) {
      throw refused("the system at " + path + " does not offer ResetType ForceOff (allowed: "
          + String.join(", ", reset.allowed()) + ")");
    }
    return reset;
  }

  /** Null when the BMC accepted the ForceOff; why it is unconfirmed otherwise; throws when refused. */
  private String post(Connection c, URI action, RedfishSystems.Member system) {
    RedfishHttp.Response r;
    try {
      r = c.session().send("POST", action, FORCE_OFF);
    } catch (BmcUnavailable e) {
      log.warn("{}: ForceOff unconfirmed: {}", target.describe(), e.reason());
      return e.reason();
    }
    String detail = RedfishErrors.message(r.body());
    String why = "HTTP " + r.status() + (detail == null ? "" : ": " + Redaction.shorten(c.session().redact(detail), 300));
    if (r.status() == 200 || r.status() == 202 || r.status() == 204) {
      log.info("{}: ForceOff accepted for {} (HTTP {})", target.describe(), system.uri().getPath(), r.status());
      return null;
    }
    if (r.status() >= 400 && r.status() < 500) {
      throw refused("ForceOff refused (" + why + ")");
    }
    log.warn("{}: ForceOff unconfirmed: {}", target.describe(), why);
    return why;
  }

  /** Reads every poll interval until OFF or the deadline; at least once. */
  private BmcReading poll(Connection c, URI system, Instant deadline) {
    BmcReading last;
    do {
      if (!PollPause.sleep(clock, deadline, options.pollInterval())) {
        return unknown("interrupted while waiting for the power-off");
      }
      try {
        last = reading(new RedfishSystems.Member(system, c.session().get(system)));
      } catch (BmcUnavailable e) {
        last = unknown(e.reason());
      }
      if (last.off()) {
        return last;
      }
    } while (clock.instant().isBefore(deadline));
    return last;
  }

  private FenceRefusedException refused(String message) {
    log.warn("{}: {}", target.describe(), message);
    return new FenceRefusedException(target.describe(), message);
  }

  private BmcReading unknown(String reason) {
    log.debug("{}: power unknown: {}", target.describe(), reason);
    return BmcReading.unknown(target.describe(), clock.instant(), reason);
  }
}
