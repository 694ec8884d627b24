package io.poolrescue.cli;

/** Who is acting: {@code --as NAME} when given, else the operating-system user. Four-eyes checks compare these. */
public final class Identity {
  private Identity() {}

  public static String resolve(String as) {
    if (as != null) {
      if (as.isBlank()) {
        throw CliFailure.badInput("--as needs a non-empty name");
      }
      return as.strip();
    }
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? "unknown-operator" : user;
  }
}
