package io.poolrescue.cli;

/**
 * Exit codes scripts can rely on. Every command uses only these.
 *
 * <ul>
 *   <li>0 — done: the command did what it was asked; a followed run ended RECOVERED or NOTHING_TO_DO
 *   <li>1 — refused or failed: the workflow refused the request (a gate decision the validator
 *       rejected, a run already in progress) or a followed run ended REJECTED, EXPIRED or FAILED
 *   <li>2 — bad input: unknown command, procedure or option, malformed JSON request, unknown
 *       workflow id, missing file
 *   <li>3 — unreachable: the Temporal frontend, the dev stack's admin endpoint or no worker answered
 * </ul>
 */
public final class ExitCode {
  private ExitCode() {}

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int UNREACHABLE = 3;
}
