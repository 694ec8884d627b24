package io.poolrescue.pool.fence;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/** Chooses the host's ComputerSystem among a BMC's systems; refuses to guess. */
final class RedfishSystems {
  /** One member of the Systems collection, as read. */
  record Member(URI uri, JsonNode body) {
    String serial() {
      JsonNode s = body.path("SerialNumber");
      return s.isTextual() ? s.asText().strip() : null;
    }
  }

  private RedfishSystems() {}

  /**
   * The system whose {@code SerialNumber} is {@code serial}; without a serial, the only system.
   *
   * @throws BmcUnavailable with what was found, when no system or more than one fits
   */
  static Member choose(List<Member> members, String serial) {
    if (members.isEmpty()) {
      throw new BmcUnavailable("the BMC lists no ComputerSystem");
    }
    boolean wanted = serial != null && !serial.isBlank();
    if (!wanted) {
      if (members.size() == 1) {
        return members.get(0);
      }
      throw new BmcUnavailable("the BMC manages " + members.size()
          + " systems and no serial number is configured to choose one; found " + found(members));
    }
    List<Member> matching = members.stream()
        .filter(m -> serial.strip().equalsIgnoreCase(m.serial()))
        .toList();
    if (matching.size() == 1) {
      return matching.get(0);
    }
    throw new BmcUnavailable((matching.isEmpty() ? "no system has" : matching.size() + " systems have")
        + " serial number " + serial.strip() + "; found " + found(members));
  }

  private static String found(List<Member> members) {
    return members.stream()
        .map(m -> m.uri().getPath() + " (serial " + (m.serial() == null ? "none" : m.serial()) + ")")
        .collect(Collectors.joining(", "));
  }
}
