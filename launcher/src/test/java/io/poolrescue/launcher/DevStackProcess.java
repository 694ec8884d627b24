package io.poolrescue.launcher;

import io.poolrescue.client.admin.AdminJson;
import io.poolrescue.client.admin.DevStackInfo;
import io.poolrescue.pool.xapi.CredentialSource;
import io.poolrescue.pool.xapi.XapiClientConfig;
import io.poolrescue.pool.xapi.XapiConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code poolrescue dev --json} in its own JVM on free ports; what it printed says where everything is. */
public final class DevStackProcess implements AutoCloseable {
  final JavaProcess process;
  final DevStackInfo info;

  private DevStackProcess(JavaProcess process, DevStackInfo info) {
    this.process = process;
    this.info = info;
  }

  static DevStackProcess start(String name, boolean worker) throws Exception {
    String[] args = worker
        ? new String[] {"dev", "--json", "--temporal-port", "0", "--xapi-port", "0", "--admin-port", "0",
            "--console-port", "0"}
        : new String[] {"dev", "--json", "--no-worker", "--temporal-port", "0", "--xapi-port", "0", "--admin-port", "0",
            "--console-port", "0"};
    JavaProcess p = JavaProcess.start(name, PoolRescueMain.class.getName(), args);
    try {
      String json = p.awaitLine("{\"temporal\"", Duration.ofSeconds(60));
      return new DevStackProcess(p, AdminJson.MAPPER.readValue(json, DevStackInfo.class));
    } catch (Exception | AssertionError e) {
      p.close();
      throw e;
    }
  }

  /** A separate worker process against this stack, through the real clients, like a production worker. */
  JavaProcess startWorker(String name) throws Exception {
    return startWorker(info, name);
  }

  /** A worker process against the dev stack that {@code info} describes, named {@code name} (its identity). */
  static JavaProcess startWorker(DevStackInfo info, String name) throws Exception {
    return startWorker(info, name, JavaProcess.DEFAULT_JVM_OPTIONS, "io.poolrescue.worker.WorkerMain");
  }

  /** As {@link #startWorker(DevStackInfo, String)}, with these JVM options and a main that takes the worker's arguments. */
  public static JavaProcess startWorker(DevStackInfo info, String name, List<String> jvmOptions, String mainClass)
      throws Exception {
    JavaProcess w = JavaProcess.start(name, jvmOptions, mainClass,
        "--temporal", info.temporal(), "--xapi", info.xapiUrl(), "--user", info.user(),
        "--password-file", info.passwordFile(), "--backup-dir", info.backupDir(), "--key-file", info.keyFile(),
        "--inventory", info.inventory(), "--policy", info.policy(), "--identity", name);
    w.awaitLine("polling task queue", Duration.ofSeconds(60));
    return w;
  }

  /** The real XAPI client on the simulated pool, as any XAPI tool would reach it. */
  XapiConnector xapi() {
    return new XapiConnector(XapiClientConfig.fromUrl(info.xapiUrl())
        .user(info.user())
        .credentials(new CredentialSource.FromFile(Path.of(info.passwordFile())))
        .build());
  }

  String temporal() {
    return info.temporal();
  }

  String admin() {
    return info.admin();
  }

  @Override
  public void close() {
    process.close();
  }
}
