package io.poolrescue.workflows.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.activities.inspection.ProbeReport;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.workflows.api.MasterFailureRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An unidentified member is up, but never the one to promote. */
class ChoiceTest {
  private static final List<String> MEMBERS = List.of("127.0.10.2", "127.0.10.3");
  private static final ProbeReport PROBES = new ProbeReport(List.of(
      new HostProbe.Unidentified("127.0.10.2", "HTTP 500"), new HostProbe.Slave("127.0.10.3", "127.0.10.1")), "f");

  private static MasterFailureRequest naming(String member) {
    return new MasterFailureRequest("127.0.10.1", MEMBERS, member, null, null, "test", null, 1);
  }

  @Test
  void namedUnidentifiedIsRefused() {
    Choice c = Choice.of(naming("127.0.10.2"), MEMBERS, PROBES);
    assertNull(c.address());
    assertTrue(c.why().contains("not as an XAPI we can verify: HTTP 500"), c.why());
  }

  @Test
  void theFirstVerifiableMemberIsChosenOtherwise() {
    assertEquals("127.0.10.3", Choice.of(naming(null), MEMBERS, PROBES).address());
  }
}
