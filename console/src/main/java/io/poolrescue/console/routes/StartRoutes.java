package io.poolrescue.console.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.poolrescue.cli.Json;
import io.poolrescue.cli.Procedure;
import io.poolrescue.cli.RunStarter;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.console.ConsoleRefusal;
import io.poolrescue.console.JsonBodies;
import io.poolrescue.signing.SignedText;
import io.poolrescue.signing.webauthn.WebAuthnAssertion;
import io.poolrescue.workflows.api.CanonicalJson;
import io.poolrescue.workflows.api.StartSignature;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Starting a run from the browser: the form of each procedure (from its request type), the text the
 * starter signs, and the start with the assertion in the memo, where the workflow verifies it before
 * anything else. {@code requestedBy} is the signer's name: the workflow checks that the credential is
 * that person's.
 */
public final class StartRoutes {
  static final String FORMS = "/api/procedures";
  static final String CHALLENGE = "/api/starts/challenge";
  static final String START = "/api/starts";

  private final TemporalSession session;

  public StartRoutes(TemporalSession session) {
    this.session = session;
  }

  /** One procedure's form: its fields as the request type has them. */
  public record Form(String name, String workflowType, List<ProcedureForms.Field> fields) {}

  public record Intent(String procedure, String requestedBy, ObjectNode request) {}

  /** The challenge, and the workflow id the start will use (it is in the signed text). */
  public record Challenge(String workflowId, String text, String challenge, String signedAt) {}

  public record SignedStart(String procedure, String requestedBy, String workflowId, ObjectNode request,
      String signedAt, WebAuthnAssertion webauthn) {}

  public record Started(String workflowId, String runId) {}

  public void register(Javalin app) {
    app.get(FORMS, ctx -> ctx.json(Arrays.stream(Procedure.values()).filter(Procedure::gated)
        .map(p -> new Form(p.cliName(), p.workflowType(), ProcedureForms.fields(p))).toList()));
    app.post(CHALLENGE, this::challenge);
    app.post(START, this::start);
  }

  private void challenge(Context ctx) {
    Intent intent = JsonBodies.read(ctx, Intent.class);
    Procedure procedure = procedure(intent.procedure());
    String by = JsonBodies.required(intent.requestedBy(), "requestedBy");
    Object request = request(procedure, intent.request(), by);
    String workflowId = procedure.workflowId(intent.request());
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] text = SignedText.start(workflowId, procedure.workflowType(), by, at, CanonicalJson.of(request));
    DecisionRoutes.Challenge c = DecisionRoutes.challengeOf(text, at);
    ctx.json(new Challenge(workflowId, c.text(), c.challenge(), c.signedAt()));
  }

  private void start(Context ctx) {
    SignedStart s = JsonBodies.read(ctx, SignedStart.class);
    if (s.webauthn() == null) {
      throw new ConsoleRefusal("the console sends signed starts only: webauthn (the assertion) is missing");
    }
    Procedure procedure = procedure(s.procedure());
    String by = JsonBodies.required(s.requestedBy(), "requestedBy");
    Object request = request(procedure, s.request(), by);
    String workflowId = JsonBodies.required(s.workflowId(), "workflowId");
    try {
      WorkflowExecution run = RunStarter.start(session.client(), procedure, workflowId, request,
          new StartSignature(JsonBodies.required(s.signedAt(), "signedAt"), null, s.webauthn()));
      ctx.status(201).json(new Started(run.getWorkflowId(), run.getRunId()));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ConsoleRefusal(409, "a run with workflow id " + workflowId + " is already running: two recoveries "
          + "of the same thing at once are refused");
    }
  }

  private static Procedure procedure(String name) {
    if (name == null) {
      throw new ConsoleRefusal("procedure is required (" + Procedure.names() + ")");
    }
    return Procedure.find(name).filter(Procedure::gated).orElseThrow(() -> new ConsoleRefusal("unknown procedure '"
        + name + "'; the console starts: " + Arrays.stream(Procedure.values()).filter(Procedure::gated)
        .map(Procedure::cliName).toList()));
  }

  /** The request as the workflow will read it, refused when a required field is missing or a field is unknown. */
  static Object request(Procedure procedure, ObjectNode fields, String requestedBy) {
    if (fields == null) {
      throw new ConsoleRefusal("request is required: the fields of a " + procedure.requestType().getSimpleName());
    }
    ObjectNode node = fields.deepCopy();
    node.put("requestedBy", requestedBy);
    List<String> missing = procedure.missingFields(node);
    if (!missing.isEmpty()) {
      throw new ConsoleRefusal(procedure.cliName() + " needs " + String.join(", ", missing));
    }
    try {
      return Json.STRICT_IN.treeToValue(node, procedure.requestType());
    } catch (JsonProcessingException e) {
      throw new ConsoleRefusal("bad " + procedure.requestType().getSimpleName() + ": " + e.getOriginalMessage());
    }
  }
}
