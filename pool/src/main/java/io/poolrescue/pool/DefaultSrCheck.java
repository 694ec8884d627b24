package io.poolrescue.pool;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import java.util.List;
import java.util.Optional;

/**
 * Is the pool's default SR usable (reference §6)? XAPI's setter validates nothing, so after a master
 * change it may be unset, dangling, or an SR only the dead master could reach. Pure: works on a
 * snapshot of a real or simulated pool.
 */
public final class DefaultSrCheck {
  private DefaultSrCheck() {}

  /** One verdict. */
  public sealed interface Result {
    default boolean valid() {
      return this instanceof Valid;
    }
  }

  /** Shared and plugged on every host. */
  public record Valid(String srUuid) implements Result {}

  /** pool.default_SR is NULL. */
  public record NotSet() implements Result {}

  /** The ref names no SR: what import would fail with. */
  public record NotFound(String srRef) implements Result {
    public XapiException error() {
      return new XapiException(XapiErrors.DEFAULT_SR_NOT_FOUND, srRef);
    }
  }

  /** A local SR: only its owner can use it. */
  public record NotShared(String srUuid) implements Result {}

  /** Shared, but some hosts have no attached PBD for it. */
  public record NotPluggedEverywhere(String srUuid, List<String> hostUuids) implements Result {
    public NotPluggedEverywhere {
      hostUuids = List.copyOf(hostUuids);
    }
  }

  public static Result evaluate(PoolSnapshot s) {
    String ref = s.pool().defaultSrRef();
    if (ref == null || ref.isEmpty() || ref.equals("OpaqueRef:NULL")) {
      return new NotSet();
    }
    Optional<Sr> sr = s.sr(ref);
    if (sr.isEmpty()) {
      return new NotFound(ref);
    }
    if (!sr.get().shared()) {
      return new NotShared(sr.get().uuid());
    }
    List<String> missing = s.hosts().stream()
        .filter(h -> !s.srPluggedOn(ref, h.ref()))
        .map(Host::uuid)
        .toList();
    return missing.isEmpty() ? new Valid(sr.get().uuid()) : new NotPluggedEverywhere(sr.get().uuid(), missing);
  }
}
