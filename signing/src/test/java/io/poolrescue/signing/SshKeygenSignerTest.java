package io.poolrescue.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI side: signing through the real ssh-keygen, from a key file and from ssh-agent. */
class SshKeygenSignerTest {
  static final byte[] MESSAGE = "approve\n".getBytes(StandardCharsets.UTF_8);
  static final String NS = "poolrescue";

  @TempDir
  Path dir;

  @Test
  void signsWithAPrivateKeyFile() {
    Path key = OpenSsh.newKey(dir, "id_ed25519", "ed25519", 0);
    SshKeygenSigner signer = new SshKeygenSigner(key);
    assertEquals(OpenSsh.publicKey(key), signer.publicKey());
    String sig = signer.sign(MESSAGE, NS);
    VerifiedSignature v = SshSignatures.verify(sig, MESSAGE, NS, "alice@example.com",
        AllowedSigners.parse("alice@example.com " + signer.publicKey().toOpenSsh()), Instant.now());
    assertEquals(signer.publicKey(), v.key());
  }

  @Test
  void signsWithAPublicKeyWhosePrivateHalfIsInTheAgent() throws Exception {
    Path key = OpenSsh.newKey(dir, "id_ecdsa", "ecdsa", 256);
    Path elsewhere = Files.createDirectory(dir.resolve("only-public"));
    Path pub = Files.copy(dir.resolve("id_ecdsa.pub"), elsewhere.resolve("id_ecdsa.pub"));
    Path socket = dir.resolve("agent.sock");
    Process agent = new ProcessBuilder(OpenSsh.tool("ssh-agent"), "-D", "-a", socket.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
    try {
      for (int i = 0; i < 100 && !Files.exists(socket); i++) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(socket), "ssh-agent did not open its socket: " + Files.readString(dir.resolve("agent.log")));
      Map<String, String> env = Map.of("SSH_AUTH_SOCK", socket.toString());
      OpenSsh.Result add = OpenSsh.run(new byte[0], env, OpenSsh.tool("ssh-add"), key.toString());
      assertEquals(0, add.exit(), "ssh-add: " + add.err());
      Files.delete(key); // the private key now lives only in the agent

      SshKeygenSigner signer = new SshKeygenSigner(pub, "ssh-keygen", SshKeygenSigner.DEFAULT_TIMEOUT, env, line -> {});
      assertEquals(OpenSsh.publicKey(dir.resolve("id_ecdsa")), signer.publicKey());
      assertEquals(signer.publicKey(), SshSignatures.verify(signer.sign(MESSAGE, NS), MESSAGE, NS).key());

      // without the agent the same public key cannot sign, and the error carries ssh-keygen's words
      SshKeygenSigner noAgent = new SshKeygenSigner(pub, "ssh-keygen", SshKeygenSigner.DEFAULT_TIMEOUT,
          Map.of("SSH_AUTH_SOCK", dir.resolve("no-such.sock").toString()), line -> {});
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> noAgent.sign(MESSAGE, NS));
      assertTrue(e.getMessage().contains("ssh-keygen -Y sign -f " + pub + " failed (exit"), e.getMessage());
    } finally {
      agent.destroy();
      if (!agent.waitFor(10, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
    }
  }

  @Test
  void aMissingKeyIsAClearError() {
    SshKeygenSigner signer = new SshKeygenSigner(dir.resolve("nope"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> signer.sign(MESSAGE, NS));
    assertTrue(e.getMessage().contains("failed (exit 255)"), e.getMessage());
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
    assertThrows(IllegalStateException.class, signer::publicKey);
  }

  @Test
  void aPrivateKeyWithoutItsPubFileIsAClearError() throws Exception {
    Path key = OpenSsh.newKey(dir, "k", "ed25519", 0);
    Files.delete(dir.resolve("k.pub"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SshKeygenSigner(key).publicKey());
    assertTrue(e.getMessage().contains("ssh-keygen -y -f " + key), e.getMessage());
  }

  @Test
  void aMissingSshKeygenIsAClearError() {
    Path key = OpenSsh.newKey(dir, "k", "ed25519", 0);
    SshKeygenSigner signer = new SshKeygenSigner(key, dir.resolve("no-ssh-keygen").toString(), Duration.ofSeconds(5), Map.of(), line -> {});
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> signer.sign(MESSAGE, NS));
    assertTrue(e.getMessage().contains("openssh-client"), e.getMessage());
  }

  /** A key that waits (a security key before its touch) is given up on after the timeout. */
  @Test
  void aSignerThatNeverAnswersTimesOut() throws Exception {
    Path key = OpenSsh.newKey(dir, "k", "ed25519", 0);
    Path slow = dir.resolve("slow-ssh-keygen");
    Files.writeString(slow, "#!/bin/sh\necho 'Confirm user presence for key ED25519-SK' >&2\nexec sleep 30\n");
    Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwx------"));
    List<String> shown = new CopyOnWriteArrayList<>();
    SshKeygenSigner signer = new SshKeygenSigner(key, slow.toString(), Duration.ofSeconds(1), Map.of(), shown::add);
    long start = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> signer.sign(MESSAGE, NS));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertTrue(seconds < 10, "took " + seconds + " s");
    assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
    assertTrue(e.getMessage().contains("Confirm user presence"), e.getMessage());
    assertEquals(List.of("Confirm user presence for key ED25519-SK"), shown, "the prompt reached the user while waiting");
  }
}
