package io.poolrescue.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.poolrescue.client.temporal.TemporalUnreachableException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.NoSuchFileException;

/** Turns whatever a command threw into one line and an exit code: people see a sentence, never a stack trace. */
public record ErrorReport(int exitCode, String line) {

  public static ErrorReport of(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      ErrorReport r = direct(c);
      if (r != null) {
        return r;
      }
    }
    return new ErrorReport(ExitCode.FAILED, "error: " + firstLine(describe(t)));
  }

  private static ErrorReport direct(Throwable c) {
    if (c instanceof CliFailure f) {
      return new ErrorReport(f.exitCode(), firstLine(f.getMessage()));
    }
    if (c instanceof TemporalUnreachableException u) {
      return new ErrorReport(ExitCode.UNREACHABLE, firstLine(u.getMessage()));
    }
    if (c instanceof WorkflowNotFoundException nf) {
      return new ErrorReport(
          ExitCode.BAD_INPUT, "no workflow with id '" + nf.getExecution().getWorkflowId() + "'");
    }
    if (c instanceof WorkflowExecutionAlreadyStarted s) {
      return new ErrorReport(
          ExitCode.FAILED, "a run with id '" + s.getExecution().getWorkflowId() + "' is already in progress");
    }
    if (c instanceof WorkflowUpdateException u) {
      return new ErrorReport(ExitCode.FAILED, "refused: " + firstLine(failureMessage(u)));
    }
    if (c instanceof WorkflowQueryException q && q.getCause() instanceof StatusRuntimeException s
        && s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return new ErrorReport(
          ExitCode.UNREACHABLE, "no worker answered (is a poolrescue worker polling task queue pool-recovery?)");
    }
    if (c instanceof StatusRuntimeException s) {
      return status(s);
    }
    if (c instanceof JsonProcessingException j) {
      return new ErrorReport(ExitCode.BAD_INPUT, "malformed JSON: " + firstLine(j.getOriginalMessage()));
    }
    if (c instanceof NoSuchFileException || c instanceof FileNotFoundException) {
      return new ErrorReport(ExitCode.BAD_INPUT, "no such file: " + c.getMessage());
    }
    if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException) {
      return new ErrorReport(ExitCode.UNREACHABLE, "cannot connect: " + firstLine(String.valueOf(c.getMessage())));
    }
    if (c instanceof UncheckedIOException io && io.getCause() != null && direct(io.getCause()) != null) {
      return direct(io.getCause());
    }
    return null;
  }

  private static ErrorReport status(StatusRuntimeException s) {
    Status.Code code = s.getStatus().getCode();
    String desc = s.getStatus().getDescription();
    return switch (code) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, UNAUTHENTICATED -> new ErrorReport(
          ExitCode.UNREACHABLE, "Temporal unreachable (" + code + (desc == null ? "" : ": " + firstLine(desc)) + ")");
      case NOT_FOUND, INVALID_ARGUMENT -> new ErrorReport(
          ExitCode.BAD_INPUT, firstLine(desc == null ? code.toString() : desc));
      default -> new ErrorReport(ExitCode.FAILED, "Temporal: " + code + (desc == null ? "" : ": " + firstLine(desc)));
    };
  }

  /**
   * The workflow's own sentence (a validator's refusal, a run's failure), not the SDK's wrapping
   * ("message='...', type='...'"). The console shows the same.
   */
  public static String failureMessage(Throwable u) {
    for (Throwable c = u.getCause(); c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure af) {
        return af.getOriginalMessage();
      }
    }
    return u.getCause() == null ? u.getMessage() : u.getCause().getMessage();
  }

  private static String describe(Throwable t) {
    if (t instanceof WorkflowServiceException w && w.getCause() != null) {
      return describe(w.getCause());
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
