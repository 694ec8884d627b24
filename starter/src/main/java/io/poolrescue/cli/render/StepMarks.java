package io.poolrescue.cli.render;

import io.poolrescue.workflows.api.StepState;

/** Four-character ASCII marks for step states (plain ASCII: CI logs and C locales print it intact). */
public final class StepMarks {
  private StepMarks() {}

  public static String of(StepState s) {
    return switch (s) {
      case PENDING -> "    ";
      case RUNNING -> "run ";
      case WAITING -> "wait";
      case WAITING_APPROVAL -> "gate";
      case DONE -> "done";
      case SKIPPED -> "skip";
      case FAILED -> "FAIL";
    };
  }
}
