package io.poolrescue.activities.master;

import io.poolrescue.activities.approval.ApprovalProof;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Replacing a lost pool master. */
@ActivityInterface(namePrefix = "Master")
public interface MasterActivities {

  /**
   * On the member at {@code memberAddress}: {@code session.slave_local_login_with_password} and
   * {@code pool.emergency_transition_to_master}. Its agent restarts afterwards (about 10 s); a host
   * that already answers as master is left alone.
   */
  @ActivityMethod
  PromoteResult promote(String memberAddress, ApprovalProof approval);

  /**
   * {@code pool.recover_slaves} on the new master, unless every member that answers already follows it.
   * Refused as "not yet" while the new master's agent is still restarting.
   */
  @ActivityMethod
  RecoverResult recoverSlaves(String masterAddress, List<String> memberAddresses);

  /** {@code pool.sync_database}: push the master's database to the members now. */
  @ActivityMethod
  void syncDatabase(String poolAddress);
}
