package io.poolrescue.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.cli.CliFailure;
import io.poolrescue.cli.ExitCode;
import io.poolrescue.cli.Identity;
import io.poolrescue.cli.Json;
import io.poolrescue.cli.Procedure;
import io.poolrescue.cli.RunFollower;
import io.poolrescue.cli.RunOutcomes;
import io.poolrescue.cli.RunStarter;
import io.poolrescue.cli.SignedRequests;
import io.poolrescue.cli.TemporalSession;
import io.poolrescue.cli.options.ApprovalOptions;
import io.poolrescue.cli.options.OutputOptions;
import io.poolrescue.cli.options.SigningOptions;
import io.poolrescue.client.options.TemporalOptions;
import io.poolrescue.workflows.api.StartSignature;
import io.temporal.api.common.v1.WorkflowExecution;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Common part of every {@code start <procedure>}: the request is a JSON object (from {@code --request}
 * or empty), the procedure's flags override its fields, then it is read strictly into the request record,
 * so the CLI, a request file and the Web UI accept exactly the same JSON.
 */
abstract class StartRun implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TemporalOptions temporal;
  @Mixin OutputOptions output;
  @Mixin ApprovalOptions approvals;
  @Mixin SigningOptions signing;

  @Option(names = "--request", paramLabel = "FILE.json", description = "The request as JSON; flags override its fields")
  Path requestFile;

  @Option(names = "--as", paramLabel = "NAME", description = "Who starts the run (requestedBy; default: the OS user)")
  String as;

  @Option(names = "--workflow-id", paramLabel = "ID", description = "Workflow id (default: derived from the target)")
  String workflowId;

  @Option(names = "--wait", description = "Follow the run to its end, printing steps, gates and decisions")
  boolean await;

  abstract Procedure procedure();

  /** Writes the flags that were given into the request. */
  abstract void putFlags(ObjectNode request);

  /** Fields the request must have, as (json field, flag) pairs. */
  abstract Map<String, String> required();

  /** The part of the default workflow id after the procedure name, from the request. */
  @Override
  public Integer call() throws Exception {
    ObjectNode node = readRequestFile();
    putFlags(node);
    if (procedure().gated()) {
      if (as != null || !node.hasNonNull("requestedBy")) {
        node.put("requestedBy", Identity.resolve(as));
      }
      approvals.applyTo(node);
    } else if (approvals.given()) {
      throw CliFailure.badInput(procedure().cliName() + " has no approval gates: --approvers, --quorum, "
          + "--allow-starter-approval, --remind-after and --expire-after do not apply");
    }
    List<String> missing = procedure().missingFields(node).stream().map(f -> required().get(f)).toList();
    if (!missing.isEmpty()) {
      throw CliFailure.badInput(procedure().cliName() + " needs " + String.join(", ", missing));
    }
    Object request;
    try {
      request = Json.STRICT_IN.treeToValue(node, procedure().requestType());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw CliFailure.badInput("bad " + procedure().requestType().getSimpleName() + ": " + e.getOriginalMessage());
    }
    String id = workflowId != null ? workflowId : procedure().workflowId(node);
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalSession session = TemporalSession.open(temporal, Identity.resolve(as))) {
      Object req = request;
      StartSignature signature = signing.signer().map(signer -> SignedRequests.start(signer, id,
          procedure().workflowType(), node.path("requestedBy").asText(null), req)).orElse(null);
      WorkflowExecution run = RunStarter.start(session.client(), procedure(), id, request, signature);
      if (output.json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workflowId", run.getWorkflowId());
        doc.put("runId", run.getRunId());
        doc.put("procedure", procedure().workflowType());
        doc.put("request", request);
        out.println(Json.write(doc));
      } else {
        out.println(run.getWorkflowId());
      }
      out.flush();
      if (!await) {
        return ExitCode.OK;
      }
      RunFollower follower = new RunFollower(session.client(), out, RunFollower.GateHandler.NONE, Duration.ofMillis(500));
      return RunOutcomes.exitCode(follower.follow(run.getWorkflowId()));
    }
  }

  private ObjectNode readRequestFile() throws IOException {
    if (requestFile == null) {
      return Json.STRICT_IN.createObjectNode();
    }
    if (!Files.isReadable(requestFile)) {
      throw CliFailure.badInput("no such readable file: " + requestFile);
    }
    JsonNode tree;
    try {
      tree = Json.STRICT_IN.readTree(requestFile.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw CliFailure.badInput("malformed JSON in " + requestFile + ": " + firstLine(e.getOriginalMessage()));
    }
    if (tree == null || !tree.isObject()) {
      throw CliFailure.badInput(requestFile + " must hold one JSON object (the " + procedure().requestType().getSimpleName() + ")");
    }
    return (ObjectNode) tree;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
