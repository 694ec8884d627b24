package io.poolrescue.console;

/** Input the console does not send on: answered 400 with this message, nothing changed anywhere. */
public final class ConsoleRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ConsoleRefusal(String message) {
    this(400, message);
  }

  public ConsoleRefusal(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
