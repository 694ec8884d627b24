package io.poolrescue.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.model.Pbd;
import io.poolrescue.pool.model.PoolInfo;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check on hand-made snapshots, as a real pool's get_all_records would give them. */
class DefaultSrCheckTest {
  private static final Host A = new Host("OpaqueRef:a", "ua", "a", "10.0.0.1", true, true, Instant.EPOCH, 1, 1, "SA");
  private static final Host B = new Host("OpaqueRef:b", "ub", "b", "10.0.0.2", true, true, Instant.EPOCH, 1, 1, "SB");
  private static final Sr NFS = new Sr("OpaqueRef:nfs", "unfs", "nfs", "nfs", true);
  private static final Sr LOCAL = new Sr("OpaqueRef:local", "ulocal", "local", "ext", false);

  private static PoolSnapshot pool(String defaultSr, boolean bPlugged) {
    return new PoolSnapshot(Instant.EPOCH, new PoolInfo("OpaqueRef:p", "up", "p", A.ref(), defaultSr, false),
        List.of(A, B), List.of(), List.of(), List.of(), List.of(NFS, LOCAL),
        List.of(new Pbd("OpaqueRef:pa", "upa", A.ref(), NFS.ref(), Map.of(), true),
            new Pbd("OpaqueRef:pb", "upb", B.ref(), NFS.ref(), Map.of(), bPlugged),
            new Pbd("OpaqueRef:pl", "upl", A.ref(), LOCAL.ref(), Map.of(), true)),
        List.of());
  }

  @Test
  void eachVerdict() {
    assertEquals(new DefaultSrCheck.Valid("unfs"), DefaultSrCheck.evaluate(pool(NFS.ref(), true)));
    assertTrue(DefaultSrCheck.evaluate(pool(NFS.ref(), true)).valid());
    assertEquals(new DefaultSrCheck.NotPluggedEverywhere("unfs", List.of("ub")),
        DefaultSrCheck.evaluate(pool(NFS.ref(), false)));
    assertEquals(new DefaultSrCheck.NotShared("ulocal"), DefaultSrCheck.evaluate(pool(LOCAL.ref(), true)));
    assertEquals(new DefaultSrCheck.NotSet(), DefaultSrCheck.evaluate(pool(null, true)));
    assertEquals(new DefaultSrCheck.NotSet(), DefaultSrCheck.evaluate(pool("OpaqueRef:NULL", true)));
    DefaultSrCheck.Result gone = DefaultSrCheck.evaluate(pool("OpaqueRef:gone", true));
    assertFalse(gone.valid());
    XapiException e = ((DefaultSrCheck.NotFound) gone).error();
    assertEquals(XapiErrors.DEFAULT_SR_NOT_FOUND, e.code());
    assertEquals(List.of("OpaqueRef:gone"), e.params());
  }
}
