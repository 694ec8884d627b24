package io.poolrescue.signing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Signs through the real {@code ssh-keygen -Y sign}, so the same keys work as with git: a private
 * key file (ssh-keygen asks for its passphrase on the terminal), or a public key whose private half
 * is in ssh-agent, including security keys (which wait for a touch). For the CLI, never for workflows.
 */
public final class SshKeygenSigner {
  /** A security key waits for the user's touch; give them time, but not forever. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Path keyFile;
  private final String sshKeygen;
  private final Duration timeout;
  private final Map<String, String> environment;
  private final Consumer<String> stderrLines;

  /** Runs ssh-keygen from PATH; what it says on stderr ("Confirm user presence...") is shown on this process's stderr. */
  public SshKeygenSigner(Path keyFile) {
    this(keyFile, "ssh-keygen", DEFAULT_TIMEOUT, Map.of(), SshKeygenSigner::showToUser);
  }

  /**
   * @param sshKeygen the program to run (a name looked up on PATH, or a path)
   * @param environment variables set for ssh-keygen on top of this process's, e.g. SSH_AUTH_SOCK
   * @param stderrLines receives each line ssh-keygen writes on stderr as it comes, so a security
   *     key's "touch me" prompt reaches the user while ssh-keygen waits
   */
  public SshKeygenSigner(Path keyFile, String sshKeygen, Duration timeout, Map<String, String> environment,
      Consumer<String> stderrLines) {
    this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
    this.sshKeygen = Objects.requireNonNull(sshKeygen, "sshKeygen");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.environment = Map.copyOf(environment);
    this.stderrLines = Objects.requireNonNull(stderrLines, "stderrLines");
  }

  /** ssh-keygen's own chatter is left out; its prompts and errors are shown. */
  private static void showToUser(String line) {
    if (!line.equals("Signing data on standard input")) {
      System.err.println(line);
    }
  }

  /** The armored signature of {@code message} for {@code namespace}, as ssh-keygen printed it. */
  public String sign(byte[] message, String namespace) {
    Objects.requireNonNull(message, "message");
    if (namespace == null || namespace.isEmpty()) {
      throw new IllegalArgumentException("a namespace is required");
    }
    List<String> command = new ArrayList<>(List.of(sshKeygen, "-Y", "sign", "-f", keyFile.toString(), "-n", namespace));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + sshKeygen + " (" + e.getMessage()
          + "); it comes with OpenSSH, e.g. the Debian package openssh-client", e);
    }
    Drain out = new Drain(process.getInputStream(), null);
    Drain err = new Drain(process.getErrorStream(), stderrLines);
    out.start();
    err.start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(message);
    } catch (IOException e) {
      // ssh-keygen stopped reading (it failed early): its exit code and stderr say why
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("ssh-keygen -Y sign did not finish within " + timeout.toSeconds()
            + " s (a security key waits for a touch): " + err.text());
      }
      out.join(timeout.toMillis());
      err.join(timeout.toMillis());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ssh-keygen was signing", e);
    }
    String signature = out.text();
    if (process.exitValue() != 0 || !signature.contains(SshArmor.BEGIN)) {
      throw new IllegalStateException("ssh-keygen -Y sign -f " + keyFile + " failed (exit " + process.exitValue()
          + "): " + err.text().strip());
    }
    return signature;
  }

  /** The public key: the key file itself when it is a public key, else the {@code .pub} beside it. */
  public SshPublicKey publicKey() {
    try {
      String content = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
      String firstWord = content.split("[ \t]", 2)[0];
      if (SshKeyTypes.isKnown(firstWord)) {
        return SshPublicKey.parse(content.lines().findFirst().orElse(""));
      }
      Path pub = keyFile.resolveSibling(keyFile.getFileName() + ".pub");
      if (!Files.exists(pub)) {
        throw new IllegalStateException(keyFile + " is not a public key and " + pub + " is missing; write it with: "
            + "ssh-keygen -y -f " + keyFile + " > " + pub);
      }
      return SshPublicKey.parse(Files.readString(pub, StandardCharsets.UTF_8).strip().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the key " + keyFile + ": " + e.getMessage(), e);
    }
  }

  /** Reads a child's stream to the end, so the child never blocks on a full pipe; passes on lines if asked. */
  private static final class Drain extends Thread {
    private final InputStream in;
    private final Consumer<String> lines;
    private final StringBuffer text = new StringBuffer();

    Drain(InputStream in, Consumer<String> lines) {
      super("ssh-keygen-output");
      setDaemon(true);
      this.in = in;
      this.lines = lines;
    }

    @Override
    public void run() {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          text.append(line).append('\n');
          if (lines != null) {
            lines.accept(line);
          }
        }
      } catch (IOException e) {
        // the process was killed; what was read so far is kept
      }
    }

    String text() {
      return text.toString();
    }
  }
}
