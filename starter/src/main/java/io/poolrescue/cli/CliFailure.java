package io.poolrescue.cli;

/** An error the CLI reports as one line with a chosen exit code (see {@link ExitCode}). */
public class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static CliFailure badInput(String message) {
    return new CliFailure(ExitCode.BAD_INPUT, message);
  }

  public static CliFailure failed(String message) {
    return new CliFailure(ExitCode.FAILED, message);
  }

  public static CliFailure unreachable(String message) {
    return new CliFailure(ExitCode.UNREACHABLE, message);
  }
}
