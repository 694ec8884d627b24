package io.poolrescue.console.routes;

import io.javalin.Javalin;
import io.poolrescue.cli.AdminClient;
import io.poolrescue.console.ConsoleRefusal;
import io.poolrescue.console.ConsoleSettings;

/**
 * The pool as its master sees it beside the physical truth, from the dev stack's admin endpoint. On
 * a cluster the console has no pool credentials (it only speaks to Temporal): the pool a run saw is
 * in its gates' evidence.
 */
public final class PoolRoutes {
  static final String POOL = "/api/pool";

  private final ConsoleSettings settings;

  public PoolRoutes(ConsoleSettings settings) {
    this.settings = settings;
  }

  public void register(Javalin app) {
    app.get(POOL, ctx -> {
      if (settings.devAdmin() == null) {
        throw new ConsoleRefusal(404, "no pool view here: the console reads the pool from the dev stack's admin "
            + "endpoint (--dev-admin URL); on a cluster, each gate's evidence shows the pool the run saw");
      }
      ctx.json(new AdminClient(settings.devAdmin()).pool());
    });
  }
}
