package io.poolrescue.pool.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.TransferNotReceivedException;
import io.poolrescue.pool.UploadState;
import io.poolrescue.pool.UploadTask;
import io.poolrescue.pool.UploadWatcher;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XAPI's HTTP handlers ({@code /pool/xmldbdump}, {@code /host_backup}, ...) the way the {@code xe}
 * CLI drives them: create a task, pass {@code session_id} and {@code task_id} in the query, do the
 * GET or PUT, then read success or failure from the task, because XAPI may send its 200 before it
 * has processed anything. The task is destroyed afterwards.
 */
final class TaskTrackedTransfer {
  private static final Logger log = LoggerFactory.getLogger(TaskTrackedTransfer.class);
  private static final Duration FIRST_POLL = Duration.ofMillis(10);
  private static final Duration MAX_POLL = Duration.ofSeconds(1);

  /** What a finished task said. */
  record Outcome(byte[] body, String result) {}

  private final HttpClient http;
  private final XapiClientConfig config;

  TaskTrackedTransfer(HttpClient http, XapiClientConfig config) {
    this.http = http;
    this.config = config;
  }

  /**
   * Sends {@code GET|PUT path} to {@code address}, tracked by a task that {@code tasks} creates and
   * polls (tasks live in the database of whoever issued the session).
   */
  Outcome run(RpcTarget tasks, String address, String verb, String path, Map<String, String> query,
      byte[] upload) {
    return run(tasks, address, verb, path, query, upload, UploadWatcher.NONE);
  }

  /** As {@link #run}, telling {@code watcher} of the task before the request goes out and of a dropped upload. */
  Outcome run(RpcTarget tasks, String address, String verb, String path, Map<String, String> query,
      byte[] upload, UploadWatcher watcher) {
    config.requireAllowed(address); // the transfer carries the session id
    String task = tasks.callForString("task.create", "poolrescue " + verb + " " + path, "");
    try {
      UploadTask tracked = new UploadTask(tasks.address(), task);
      watcher.sending(tracked);
      Map<String, String> all = new LinkedHashMap<>();
      all.put("session_id", tasks.session());
      all.put("task_id", task);
      all.putAll(query);
      URI uri = config.baseUri(address).resolve(path + "?" + encode(all));
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.readTimeouts().forTransfer());
      if (upload != null) {
        request.header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(upload));
      } else {
        request.GET();
      }
      log.debug("XAPI {} {} at {}", verb, path, address);
      HttpResponse<byte[]> response;
      try {
        response = send(request.build(), address, verb + " " + path);
      } catch (PoolUnreachableException dropped) {
        if (upload == null || !afterSending(dropped)) {
          throw dropped; // a download is read again; a refused or timed-out upload says nothing more
        }
        watcher.dropped(tracked);
        return new Outcome(new byte[0], afterDroppedUpload(tasks, task, dropped, verb + " " + path));
      }
      String result = awaitTask(tasks, task, response.statusCode(), address, verb + " " + path);
      return new Outcome(response.body(), result);
    } finally {
      try {
        tasks.call("task.destroy", task);
      } catch (RuntimeException e) {
        log.debug("task.destroy at {} failed: {}", tasks.address(), e.getMessage());
      }
    }
  }

  private HttpResponse<byte[]> send(HttpRequest request, String address, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw JsonRpcTransport.unreachable(address, what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PoolUnreachableException(address, "interrupted during " + what, e);
    }
  }

  /** Waits for the task to leave {@code pending}; returns its result or throws its error. */
  private String awaitTask(RpcTarget tasks, String task, int httpStatus, String address, String what) {
    if (httpStatus != 200 && finished(tasks, task).isEmpty()) {
      // The handler refused the request itself (bad query, missing length) and never ran.
      throw new PoolUnreachableException(address, what + " was refused with HTTP " + httpStatus, null);
    }
    return resultWithin(tasks, task, config.taskTimeout()).orElseThrow(() -> new PoolUnreachableException(address,
        what + ": task still pending after " + config.taskTimeout(), null));
  }

  /**
   * The connection of an upload dropped after it was opened: the answer may be all that was lost. The
   * task tells: a host that read the upload finishes or fails it; one that never took it leaves it
   * pending. A task that cannot be read says nothing, so the drop is what the caller hears.
   */
  private String afterDroppedUpload(RpcTarget tasks, String task, PoolUnreachableException dropped, String what) {
    Optional<String> result;
    try {
      result = resultWithin(tasks, task, config.pickUpTimeout());
    } catch (PoolUnreachableException unreadable) {
      dropped.addSuppressed(unreadable);
      throw dropped;
    }
    if (result.isEmpty()) {
      throw new TransferNotReceivedException(dropped.address(), what + ": the connection dropped and its task was "
          + "still pending " + config.pickUpTimeout().toSeconds() + " s later: the host never took the upload", dropped);
    }
    log.info("{} at {}: the connection dropped, but the task says the host took the upload", what, dropped.address());
    return result.get();
  }

  /**
   * What the task of an earlier upload (one this process may never have seen) says. While it is
   * pending this waits as long as the host may still be taking it: the pick-up timeout after a
   * connection seen to drop (as {@link #afterDroppedUpload}), else the upload's own transfer timeout
   * and a pick-up timeout besides (the sender may have died in the middle of a long upload). A task
   * the master no longer has ({@code HANDLE_INVALID}: destroyed once its attempt ended) says nothing.
   */
  UploadState stateOf(RpcTarget tasks, String task, boolean dropped) {
    Duration patience = dropped ? config.pickUpTimeout()
        : config.readTimeouts().forTransfer().plus(config.pickUpTimeout());
    try {
      return resultWithin(tasks, task, patience).isPresent() ? UploadState.TAKEN : UploadState.PENDING;
    } catch (XapiException e) {
      return XapiErrors.HANDLE_INVALID.equals(e.code()) && e.params().contains(task) ? UploadState.UNKNOWN
          : UploadState.FAILED;
    }
  }

  /** True when the upload may have reached the host: neither refused at connect nor timed out waiting. */
  private static boolean afterSending(PoolUnreachableException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpTimeoutException) {
        return false;
      }
    }
    return e.getCause() instanceof IOException;
  }

  /** The task's result once it is no longer pending within {@code bound}; empty while it is. Throws its error. */
  private Optional<String> resultWithin(RpcTarget tasks, String task, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    Duration pause = FIRST_POLL;
    while (true) {
      Optional<String> result = finished(tasks, task);
      if (result.isPresent() || System.nanoTime() > deadline) {
        return result;
      }
      sleep(pause);
      pause = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
    }
  }

  /** The result of a task that succeeded, empty while it is pending or cancelling; throws a failure's error. */
  private static Optional<String> finished(RpcTarget tasks, String task) {
    String status = tasks.callForString("task.get_status", task);
    return switch (status) {
      case "success" -> Optional.of(tasks.callForString("task.get_result", task));
      case "failure", "cancelled" -> throw errorOf(tasks.call("task.get_error_info", task), status, task);
      default -> Optional.empty();
    };
  }

  private static XapiException errorOf(JsonNode info, String status, String task) {
    List<String> parts = new ArrayList<>();
    info.forEach(n -> parts.add(n.asText()));
    if (parts.isEmpty()) {
      return new XapiException("cancelled".equals(status) ? "TASK_CANCELLED" : "INTERNAL_ERROR", List.of(task));
    }
    return new XapiException(parts.get(0), parts.subList(1, parts.size()));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an XAPI task", e);
    }
  }

  private static String encode(Map<String, String> query) {
    StringJoiner joined = new StringJoiner("&");
    query.forEach((k, v) -> joined.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return joined.toString();
  }
}
