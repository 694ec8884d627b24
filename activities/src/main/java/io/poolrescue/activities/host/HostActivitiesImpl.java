package io.poolrescue.activities.host;

import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.SentMarker;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.fence.FenceGuard;
import io.poolrescue.activities.inspection.InspectionActivitiesImpl;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.model.Host;
import io.poolrescue.pool.inventory.Inventory;
import io.poolrescue.pool.inventory.XapiAccess;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.xapi.CredentialSource;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class HostActivitiesImpl implements HostActivities {
  private static final Logger log = LoggerFactory.getLogger(HostActivitiesImpl.class);
  private final PoolAccess pool;

  private final FenceGuard fence;
  /** The second check of the gate this call rests on, against the worker's policy. */
  private final ApprovalCheck approvals;
  /** Where a master with a root password of its own keeps it, for a join; null: the worker's own login. */
  private final Inventory inventory;

  public HostActivitiesImpl(PoolConnector connector, FenceGuard fence, ApprovalCheck approvals, Inventory inventory) {
    this.approvals = approvals;
    this.pool = new PoolAccess(connector);
    this.fence = fence;
    this.inventory = inventory;
  }

  /** Without an inventory: a join logs in to the master with the worker's own credentials. */
  public HostActivitiesImpl(PoolConnector connector, FenceGuard fence, ApprovalCheck approvals) {
    this(connector, fence, approvals, null);
  }

  @Override
  public ForgetResult forgetHost(String poolAddress, String hostUuid, boolean attested, ApprovalProof approval) {
    approvals.require(approval, GateIds.FORGET_HOST, List.of(hostUuid));
    Optional<SentMarker> sent = SentMarker.earlier();
    return pool.on(poolAddress, "forget host " + hostUuid, c -> {
      PoolSnapshot s = c.snapshot();
      Host h = s.hostByUuid(hostUuid).orElse(null);
      if (h == null) {
        // the pool shows a destroy at once: gone after our own host.destroy is our forget, whichever attempt heard it
        return sent.isPresent()
            ? new ForgetResult(hostUuid, ForgetResult.Action.FORGOTTEN,
                "host.destroy sent by an earlier attempt at " + sent.get().sentAt() + " took effect")
            : new ForgetResult(hostUuid, ForgetResult.Action.ALREADY_GONE, "the master has no such host");
      }
      if (h.live()) {
        throw XapiFailures.refused(XapiErrors.HOST_IS_LIVE,
            "host " + hostUuid + " (" + h.nameLabel() + ") is live; it is not forgotten");
      }
      fence.requireOff(hostUuid, h.address(), attested, "host.destroy");
      SentMarker.send(() -> c.hostDestroy(hostUuid));
      log.warn("host {} ({}, {}) forgotten (host.destroy)", hostUuid, h.nameLabel(), h.address());
      return new ForgetResult(hostUuid, ForgetResult.Action.FORGOTTEN, h.nameLabel() + " at " + h.address());
    });
  }

  @Override
  public JoinResult joinPool(String hostAddress, String masterAddress) {
    HostProbe p = InspectionActivitiesImpl.probe(pool.connector(), hostAddress);
    if (p instanceof HostProbe.Slave sl) {
      if (sl.masterAddress().equals(masterAddress)) {
        return new JoinResult(hostAddress, masterAddress, JoinResult.Action.ALREADY_MEMBER, "already a member");
      }
      throw XapiFailures.refused(XapiErrors.OPERATION_NOT_ALLOWED,
          "host " + hostAddress + " is already a member of the pool of " + sl.masterAddress());
    }
    if (p instanceof HostProbe.Unavailable u) {
      // A join restarts the joiner's agent: wait for it before deciding anything.
      throw XapiFailures.notYet(u.errorCode(), "host " + hostAddress + " answers " + u.errorCode());
    }
    if (p instanceof HostProbe.Unidentified u) {
      // a certificate or proxy problem does not pass by itself: retrying would only wait
      throw XapiFailures.refused(XapiFailures.UNIDENTIFIED, "host " + hostAddress
          + " answers, but not as an XAPI we can verify (" + u.detail() + "); it is not joined");
    }
    if (p instanceof HostProbe.Unreachable u) {
      throw XapiFailures.notYet(XapiFailures.POOL_UNREACHABLE, "host " + hostAddress + " unreachable: " + u.reason());
    }
    // the joiner logs in to the master with the master's root password: the inventory names where it is kept
    Optional<XapiAccess> login = inventory == null ? Optional.empty() : inventory.ownXapiAccessAt(masterAddress);
    pool.run(hostAddress, "join " + hostAddress + " to the pool of " + masterAddress
        + login.map(a -> " (master's password from " + a.password() + ")").orElse(""), c -> {
          if (login.isPresent()) {
            c.poolJoin(masterAddress, login.get().user(), CredentialSource.parse(login.get().password()));
          } else {
            c.poolJoin(masterAddress);
          }
        });
    log.info("host {} joined the pool of {}", hostAddress, masterAddress);
    return new JoinResult(hostAddress, masterAddress, JoinResult.Action.JOINED, "pool.join called");
  }
}
