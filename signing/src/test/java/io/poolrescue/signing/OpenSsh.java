package io.poolrescue.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real OpenSSH tools for the tests; a missing tool fails the test with what to install. */
final class OpenSsh {
  record Result(int exit, String out, String err) {}

  static String tool(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return fail(name + " is not installed; the signing tests need OpenSSH's tools (Debian: apt-get install openssh-client)");
  }

  static Result run(byte[] stdin, Map<String, String> env, String... command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().put("TZ", "UTC"); // ssh-keygen reads times without Z locally; poolrescue reads them as UTC
      pb.environment().putAll(env);
      Path out = Files.createTempFile("openssh", ".out");
      Path err = Files.createTempFile("openssh", ".err");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      try (var in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException ignored) {
        // the tool did not read its input; its exit code tells
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + String.join(" ", command));
      }
      Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Result keygen(byte[] stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(tool("ssh-keygen"));
    cmd.addAll(Arrays.asList(args));
    return run(stdin, Map.of(), cmd.toArray(String[]::new));
  }

  /** A new passphrase-less key {@code dir/name} (and {@code name.pub}); bits 0 for the default. */
  static Path newKey(Path dir, String name, String type, int bits) {
    Path key = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("-q", "-t", type, "-N", "", "-C", name + "@test", "-f", key.toString()));
    if (bits > 0) {
      args.add("-b");
      args.add(Integer.toString(bits));
    }
    Result r = keygen(new byte[0], args.toArray(String[]::new));
    assertEquals(0, r.exit(), "ssh-keygen -t " + type + ": " + r.err());
    return key;
  }

  static SshPublicKey publicKey(Path key) {
    try {
      return SshPublicKey.parse(Files.readString(key.resolveSibling(key.getFileName() + ".pub")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ssh-keygen -Y sign}, the signature as printed. */
  static String sign(Path key, byte[] message, String namespace, String... options) {
    List<String> args = new ArrayList<>(List.of("-Y", "sign", "-f", key.toString(), "-n", namespace));
    for (String o : options) {
      args.add("-O");
      args.add(o);
    }
    Result r = keygen(message, args.toArray(String[]::new));
    assertEquals(0, r.exit(), "ssh-keygen -Y sign: " + r.err());
    return r.out();
  }

  static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ssh-keygen -Y verify}: whether it accepts, at {@code verifyTime} (YYYYMMDDHHMMSSZ). */
  static Result verify(Path allowedSigners, String principal, String namespace, Path signature, byte[] message,
      String verifyTime) {
    return keygen(message, "-Y", "verify", "-f", allowedSigners.toString(), "-I", principal, "-n", namespace,
        "-s", signature.toString(), "-O", "verify-time=" + verifyTime);
  }

  /** {@code ssh-keygen -Y find-principals}: the lines it prints, empty when it finds none. */
  static List<String> findPrincipals(Path allowedSigners, Path signature, String verifyTime) {
    Result r = keygen(new byte[0], "-Y", "find-principals", "-f", allowedSigners.toString(), "-s",
        signature.toString(), "-O", "verify-time=" + verifyTime);
    return r.exit() == 0 ? r.out().lines().toList() : List.of();
  }

  private OpenSsh() {}
}
