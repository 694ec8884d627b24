package io.poolrescue.console;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.poolrescue.cli.Json;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.console.routes.ConfigRoutes;
import io.poolrescue.console.routes.DecisionRoutes;
import io.poolrescue.console.routes.EnrolmentRoutes;
import io.poolrescue.console.routes.LiveRoutes;
import io.poolrescue.console.routes.PoolRoutes;
import io.poolrescue.console.routes.RunRoutes;
import io.poolrescue.console.routes.StartRoutes;
import io.temporal.client.WorkflowException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console: static pages (no external assets) and a JSON API on Temporal's client API.
 * It keeps no state of its own; every answer comes from Temporal, the credentials file or, on the
 * dev stack, the admin endpoint.
 */
public final class ConsoleServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);

  private final Javalin app;
  private final LiveRoutes live;

  private ConsoleServer(Javalin app, LiveRoutes live) {
    this.app = app;
    this.live = live;
  }

  public static ConsoleServer start(ConsoleSettings settings, TemporalSession session) {
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = ConsoleSettings.MAX_BODY_BYTES;
      config.jsonMapper(new JavalinJackson(Json.OUT, false));
      if (settings.tls() != null) {
        config.jetty.modifyServer(server -> HttpsConnector.replaceWith(server, settings));
      }
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/console";
        files.location = Location.CLASSPATH;
      });
    });
    RunRoutes runs = new RunRoutes(session);
    LiveRoutes live = new LiveRoutes(runs);
    runs.register(app);
    live.register(app);
    new ConfigRoutes(settings).register(app);
    new DecisionRoutes(session, runs).register(app);
    new StartRoutes(session).register(app);
    new EnrolmentRoutes(settings).register(app);
    new PoolRoutes(settings, session).register(app);
    app.exception(ConsoleRefusal.class, (e, ctx) -> ctx.status(e.status()).json(error(e.getMessage())));
    app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(error(e.getMessage())));
    app.exception(WorkflowException.class, (e, ctx) -> ctx.status(502).json(error("Temporal: " + e.getMessage())));
    app.exception(io.grpc.StatusRuntimeException.class,
        (e, ctx) -> ctx.status(502).json(error("Temporal unreachable or refused: " + e.getStatus())));
    app.exception(Exception.class, (e, ctx) -> {
      log.warn("console request {} {} failed", ctx.method(), ctx.path(), e);
      ctx.status(500).json(error("internal error: " + e));
    });
    app.start(settings.bind(), settings.port());
    log.info("console listening on {}://{}:{}/", settings.tls() == null ? "http" : "https", settings.bind(),
        app.port());
    return new ConsoleServer(app, live);
  }

  private static Map<String, String> error(String message) {
    return Map.of("error", message);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    live.close();
    app.stop();
  }
}
