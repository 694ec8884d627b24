package io.poolrescue.pool.xapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the pool password is read from, at login time and never earlier: a file or an environment
 * variable. Only the reference ({@code file:/etc/poolrescue/xapi.pw}, {@code env:XAPI_PASSWORD}) is
 * ever passed around, printed or stored in a workflow input; the secret itself stays in memory for
 * the duration of one login call.
 */
public sealed interface CredentialSource {

  /** Reads the password; throws {@link CredentialsUnavailableException} naming the source, never the secret. */
  String password();

  /** The reference form, safe to print. */
  String reference();

  /** A password file; one trailing line break is ignored so {@code echo pw > file} works. */
  record FromFile(Path path) implements CredentialSource {
    public FromFile {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String password() {
      try {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        String pw = stripLineBreak(text);
        if (pw.isEmpty()) {
          throw new CredentialsUnavailableException(reference(), "the password file is empty");
        }
        return pw;
      } catch (NoSuchFileException e) {
        throw new CredentialsUnavailableException(reference(), "the password file does not exist");
      } catch (IOException e) {
        throw new CredentialsUnavailableException(
            reference(), "the password file cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    }

    @Override
    public String reference() {
      return "file:" + path;
    }

    @Override
    public String toString() {
      return reference();
    }
  }

  /** An environment variable of this process. */
  record FromEnv(String variable, UnaryOperator<String> environment) implements CredentialSource {
    public FromEnv {
      if (variable == null || variable.isBlank()) {
        throw new IllegalArgumentException("an environment variable name is required");
      }
      Objects.requireNonNull(environment, "environment");
    }

    public FromEnv(String variable) {
      this(variable, System::getenv);
    }

    @Override
    public String password() {
      String value = environment.apply(variable);
      if (value == null || value.isEmpty()) {
        throw new CredentialsUnavailableException(reference(), "the environment variable is not set");
      }
      return value;
    }

    @Override
    public String reference() {
      return "env:" + variable;
    }

    @Override
    public String toString() {
      return reference();
    }
  }

  /** Parses {@code file:<path>} or {@code env:<NAME>}. */
  public static CredentialSource parse(String reference) {
    if (reference == null) {
      throw new IllegalArgumentException("a credential reference is required (file:<path> or env:<NAME>)");
    }
    if (reference.startsWith("file:") && reference.length() > "file:".length()) {
      return new FromFile(Path.of(reference.substring("file:".length())));
    }
    if (reference.startsWith("env:") && reference.length() > "env:".length()) {
      return new FromEnv(reference.substring("env:".length()));
    }
    // The text is not echoed: a secret typed where a reference belongs must not reach a log.
    throw new IllegalArgumentException("unsupported credential reference (" + reference.length()
        + " characters, not shown): use file:<path> or env:<NAME>, never the secret itself");
  }

  private static String stripLineBreak(String text) {
    int end = text.length();
    if (end > 0 && text.charAt(end - 1) == '\n') {
      end--;
    }
    if (end > 0 && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(0, end);
  }
}
