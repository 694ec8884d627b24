package io.poolrescue.console.routes;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.poolrescue.cli.AdminClient;
import io.poolrescue.cli.ErrorReport;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.console.ConsoleRefusal;
import io.poolrescue.console.ConsoleSettings;
import io.poolrescue.workflows.api.PoolPicture;
import io.poolrescue.workflows.api.PoolView;
import io.poolrescue.workflows.api.PoolViewRequest;
import io.poolrescue.workflows.api.TaskQueues;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.UUID;

/**
 * The pool page. Anywhere: the pool as its master records it, read by the worker (which holds the
 * pool's login; the console has none) in a {@link PoolView} run. On the dev stack also the physical
 * truth beside it, from the dev stack's admin endpoint.
 */
public final class PoolRoutes {
  static final String VIEW = "/api/pool/view";
  static final String DEV = "/api/pool/dev";
  /** A look that takes longer than this is given up: the page says so rather than hang. */
  static final Duration LOOK_TIMEOUT = Duration.ofSeconds(60);

  private final ConsoleSettings settings;
  private final TemporalSession session;

  public PoolRoutes(ConsoleSettings settings, TemporalSession session) {
    this.settings = settings;
    this.session = session;
  }

  public void register(Javalin app) {
    app.get(VIEW, this::view);
    app.get(DEV, ctx -> {
      if (settings.devAdmin() == null) {
        throw new ConsoleRefusal(404, "no physical truth here: that view is the dev stack's (--dev-admin URL)");
      }
      ctx.json(new AdminClient(settings.devAdmin()).pool());
    });
  }

  private void view(Context ctx) {
    String address = ctx.queryParam("address");
    if (address == null || address.isBlank()) {
      throw new ConsoleRefusal("address is required: any host of the pool, as the worker's inventory lists it");
    }
    PoolView look = session.client().newWorkflowStub(PoolView.class, WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.POOL_RECOVERY)
        .setWorkflowId("pool-view-" + address.strip().replaceAll("[^A-Za-z0-9.-]", "-") + "-" + UUID.randomUUID())
        .setWorkflowExecutionTimeout(LOOK_TIMEOUT)
        .build());
    try {
      PoolPicture picture = look.look(new PoolViewRequest(address.strip()));
      ctx.json(picture);
    } catch (WorkflowFailedException e) {
      throw new ConsoleRefusal(409, "the worker could not read pool " + address.strip() + ": " + ErrorReport.failureMessage(e));
    }
  }
}
