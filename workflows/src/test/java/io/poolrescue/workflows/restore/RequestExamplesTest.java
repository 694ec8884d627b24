package io.poolrescue.workflows.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poolrescue.workflows.api.ApprovalPolicy;
import io.poolrescue.workflows.api.HostConfigRestoreRequest;
import io.poolrescue.workflows.api.PoolBackupRequest;
import io.poolrescue.workflows.api.PoolRestoreRequest;
import io.poolrescue.workflows.api.VmMetadataImportRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON request examples of the README, read the way Temporal reads a workflow input typed into
 * the Web UI (the default data converter, {@code json/plain}), so the documented examples stay valid.
 */
class RequestExamplesTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  private static <T> T read(String name, Class<T> type) throws IOException {
    try (InputStream in = RequestExamplesTest.class.getResourceAsStream("/requests/" + name)) {
      Payload p = Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
          .setData(ByteString.readFrom(in)).build();
      return CONVERTER.fromPayload(p, type, type);
    }
  }

  @Test
  void poolRestore() throws IOException {
    PoolRestoreRequest r = read("PoolRestore.json", PoolRestoreRequest.class);
    assertNull(PoolRestoreImpl.invalid(r));
    assertEquals(List.of("10.20.0.12", "10.20.0.13"), r.otherHostAddresses());
    assertEquals("nfs.dr-site.example", r.deviceConfigs().values().iterator().next().get("server"));
    assertEquals(Duration.ofHours(4), ApprovalPolicy.orDefaults(r.approvals()).expireAfter());
  }

  @Test
  void hostConfigRestore() throws IOException {
    HostConfigRestoreRequest r = read("HostConfigRestore.json", HostConfigRestoreRequest.class);
    assertNull(io.poolrescue.workflows.hostconfig.HostConfigRestoreImpl.invalid(r));
    assertEquals(Duration.ofMinutes(30), r.waitForHost());
    assertNull(r.backupId(), "null: the newest backup of that host");
  }

  @Test
  void vmMetadataImport() throws IOException {
    VmMetadataImportRequest r = read("VmMetadataImport.json", VmMetadataImportRequest.class);
    assertNull(io.poolrescue.workflows.metadata.VmMetadataImportImpl.invalid(r));
    assertTrue(r.startVms());
    assertEquals(ApprovalPolicy.defaults(), ApprovalPolicy.orDefaults(r.approvals()));
  }

  @Test
  void poolBackup() throws IOException {
    PoolBackupRequest r = read("PoolBackup.json", PoolBackupRequest.class);
    assertNull(io.poolrescue.workflows.backup.PoolBackupImpl.invalid(r));
    assertEquals(Duration.ofHours(6), r.interval());
    assertEquals(0, r.rounds(), "0: until cancelled");
  }
}
