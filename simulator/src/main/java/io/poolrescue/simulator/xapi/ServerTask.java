package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poolrescue.pool.xapi.XapiDateTime;
import java.time.Instant;
import java.util.List;

/**
 * A task record, as created by {@code task.create} and completed by an HTTP handler. Status moves
 * once from {@code pending} to {@code success} or {@code failure}.
 */
final class ServerTask {
  private final String ref;
  private final String uuid;
  private final String label;
  private final String description;
  private final Instant created;
  private final String createdAt;
  private final long agentRun;
  private String status = "pending";
  private double progress;
  private String result = "";
  private List<String> errorInfo = List.of();
  private Instant finished;

  ServerTask(String ref, String uuid, String label, String description, Instant created, String createdAt,
      long agentRun) {
    this.createdAt = createdAt;
    this.agentRun = agentRun;
    this.ref = ref;
    this.uuid = uuid;
    this.label = label;
    this.description = description;
    this.created = created;
  }

  String ref() {
    return ref;
  }

  String uuid() {
    return uuid;
  }

  /** The address of the agent that holds it, and that agent's run when it was created. */
  String createdAt() {
    return createdAt;
  }

  long agentRun() {
    return agentRun;
  }

  synchronized String status() {
    return status;
  }

  synchronized String result() {
    return result;
  }

  synchronized List<String> errorInfo() {
    return errorInfo;
  }

  synchronized double progress() {
    return progress;
  }

  synchronized void succeed(String result, Instant at) {
    if ("pending".equals(status)) {
      this.status = "success";
      this.result = result == null ? "" : result;
      this.progress = 1.0;
      this.finished = at;
    }
  }

  synchronized void fail(List<String> errorInfo, Instant at) {
    if ("pending".equals(status)) {
      this.status = "failure";
      this.errorInfo = List.copyOf(errorInfo);
      this.progress = 1.0;
      this.finished = at;
    }
  }

  /** The record as {@code task.get_record} returns it. */
  synchronized ObjectNode record(ObjectNode into) {
    into.put("uuid", uuid);
    into.put("name_label", label);
    into.put("name_description", description);
    into.put("status", status);
    into.put("progress", progress);
    into.put("created", XapiDateTime.format(created));
    into.put("finished", XapiDateTime.format(finished));
    into.put("result", result);
    ArrayNode info = into.putArray("error_info");
    errorInfo.forEach(info::add);
    into.putObject("other_config");
    return into;
  }
}
