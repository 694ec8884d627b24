package io.poolrescue.activities.master;

import io.poolrescue.activities.PoolAccess;
import io.poolrescue.activities.SentMarker;
import io.poolrescue.activities.XapiFailures;
import io.poolrescue.activities.approval.ApprovalCheck;
import io.poolrescue.activities.approval.ApprovalProof;
import io.poolrescue.activities.approval.GateIds;
import io.poolrescue.activities.inspection.InspectionActivitiesImpl;
import io.poolrescue.pool.HostProbe;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.XapiErrors;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class MasterActivitiesImpl implements MasterActivities {
  private static final Logger log = LoggerFactory.getLogger(MasterActivitiesImpl.class);
  /**
   * How long a transition an earlier attempt sent may take to show (the agent's 10 s fuse, its
   * start-up, then it answers as master; well under a minute on a real pool). Past it the transition
   * evidently never arrived and is sent again: a connection that dropped before the host read the
   * call looks the same to the client as an answer lost after it acted. Shorter than the activity's
   * retry window (about five minutes), so that the run gets to send it again.
   */
  static final Duration RESEND_AFTER = Duration.ofMinutes(2);
  private final PoolAccess pool;
  /** The second check of the gate this call rests on, against the worker's policy. */
  private final ApprovalCheck approvals;

  public MasterActivitiesImpl(PoolConnector connector, ApprovalCheck approvals) {
    this.approvals = approvals;
    this.pool = new PoolAccess(connector);
  }

  @Override
  public PromoteResult promote(String memberAddress, ApprovalProof approval) {
    approvals.require(approval, GateIds.PROMOTE_MASTER, List.of(memberAddress));
    Optional<SentMarker> sent = SentMarker.earlier();
    HostProbe p = InspectionActivitiesImpl.probe(pool.connector(), memberAddress);
    if (p instanceof HostProbe.Master) {
      return sent.isPresent()
          ? new PromoteResult(memberAddress, PromoteResult.Action.TRANSITION_STARTED,
              "the transition an earlier attempt sent at " + sent.get().sentAt() + " took effect; answers as master")
          : new PromoteResult(memberAddress, PromoteResult.Action.ALREADY_MASTER, "already answers as master");
    }
    if (sent.isPresent() && sent.get().within(RESEND_AFTER)) {
      // whatever a restarting agent answers (refusal, HOST_STILL_BOOTING) says nothing about the transition
      sent.get().keep();
      throw XapiFailures.notYet(XapiErrors.HOST_STILL_BOOTING, "an earlier attempt sent the transition to "
          + memberAddress + " at " + sent.get().sentAt() + "; its agent restarts (" + p + "), nothing sent again");
    }
    sent.ifPresent(s -> log.warn("the transition sent to {} at {} did not make it master within {}; sending it again",
        memberAddress, s.sentAt(), RESEND_AFTER));
    if (p instanceof HostProbe.Unreachable u) {
      throw XapiFailures.notYet(XapiFailures.POOL_UNREACHABLE, "member " + memberAddress + " unreachable: " + u.reason());
    }
    if (p instanceof HostProbe.Unidentified u) {
      // Up, but we cannot tell what it is or whom it follows: never make it a second master blindly.
      throw XapiFailures.refused(XapiFailures.UNIDENTIFIED, "member " + memberAddress
          + " answers, but not as an XAPI we can verify (" + u.detail() + "); it is not promoted");
    }
    if (p instanceof HostProbe.Unavailable u && !XapiErrors.HOST_STILL_BOOTING.equals(u.errorCode())) {
      // HOST_STILL_BOOTING is the emergency mode a member enters when it lost its master, where the
      // transition is allowed; anything else (HOST_BROKEN ...) is not a host to promote.
      throw XapiFailures.refused(u.errorCode(), "member " + memberAddress + " answers " + u.errorCode()
          + "; it cannot be promoted");
    }
    pool.run(memberAddress, "promote " + memberAddress + " (pool.emergency_transition_to_master)",
        c -> SentMarker.send(c::emergencyTransitionToMaster));
    log.warn("member {} asked to become master (emergency_transition_to_master)", memberAddress);
    return new PromoteResult(memberAddress, PromoteResult.Action.TRANSITION_STARTED, "agent restarts as master");
  }

  @Override
  public RecoverResult recoverSlaves(String masterAddress, List<String> memberAddresses) {
    HostProbe self = InspectionActivitiesImpl.probe(pool.connector(), masterAddress);
    if (!(self instanceof HostProbe.Master)) {
      throw XapiFailures.notYet(XapiErrors.HOST_STILL_BOOTING,
          masterAddress + " does not answer as master yet (" + self + ")");
    }
    List<String> lagging = memberAddresses.stream()
        .filter(a -> !a.equals(masterAddress))
        .map(a -> InspectionActivitiesImpl.probe(pool.connector(), a))
        .filter(p -> !(p instanceof HostProbe.Unreachable))
        .filter(p -> !(p instanceof HostProbe.Slave sl && sl.masterAddress().equals(masterAddress)))
        .map(HostProbe::address)
        .toList();
    if (lagging.isEmpty()) {
      return new RecoverResult(masterAddress, false, List.of(), "every answering member follows " + masterAddress);
    }
    List<String> recovered = pool.on(masterAddress, "recover slaves on " + masterAddress, PoolClient::recoverSlaves);
    log.info("recover_slaves on {} re-pointed {}", masterAddress, recovered);
    return new RecoverResult(masterAddress, true, recovered, "members not following before: " + lagging);
  }

  @Override
  public void syncDatabase(String poolAddress) {
    pool.run(poolAddress, "sync database", PoolClient::syncDatabase);
  }
}
