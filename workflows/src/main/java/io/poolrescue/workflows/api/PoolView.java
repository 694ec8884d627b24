package io.poolrescue.workflows.api;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A read-only look at a pool through the worker, which holds the pool's login: its hosts and VMs as
 * the master records them. No gate: it changes nothing. The console's pool page starts one per look
 * (workflow id {@code pool-view-...}, input {@code {"poolAddress": "..."}}).
 */
@WorkflowInterface
public interface PoolView {
  @WorkflowMethod
  PoolPicture look(PoolViewRequest request);
}
