package io.poolrescue.workflows.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON an operator types into the Web UI binds to the request records through Temporal's converter. */
class JsonPayloadsTest {
  private final DataConverter converter = DefaultDataConverter.newDefaultInstance();

  private <T> T read(String json, Class<T> type) {
    Payload p = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json)).build();
    return converter.fromPayload(p, type, type);
  }

  @Test
  void aMemberRequestAsTheReadmeShowsIt() {
    MemberFailureRequest r = read("""
        {"poolAddress":"10.0.0.1","hostUuid":"3ae2","mode":"FORGET","requestedBy":"alice",
         "approvals":{"approvers":["bob","carol"],"quorum":1,"allowStarterApproval":false,
                      "remindAfter":"PT15M","expireAfter":"PT4H"},"maxParallel":8}""", MemberFailureRequest.class);
    assertEquals(MemberFailureRequest.Mode.FORGET, r.mode());
    assertEquals(List.of("bob", "carol"), r.approvals().approvers());
    assertEquals(Duration.ofHours(4), r.approvals().expireAfter());
    assertFalse(r.formerPoolMaster(), "absent means a plain member");
  }

  @Test
  void aMinimalMemberRequestGetsTheDefaults() {
    MemberFailureRequest r = read("""
        {"poolAddress":"10.0.0.1","hostUuid":"3ae2","mode":"REPAIR","requestedBy":"alice"}""",
        MemberFailureRequest.class);
    assertNull(r.approvals());
    assertEquals(ApprovalPolicy.defaults(), ApprovalPolicy.orDefaults(r.approvals()));
    assertEquals(0, r.maxParallel());
  }

  @Test
  void aMasterRequestAndADecision() {
    MasterFailureRequest m = read("""
        {"oldMasterAddress":"10.0.0.1","memberAddresses":["10.0.0.2","10.0.0.3"],"newMasterAddress":null,
         "waitForOldMaster":"PT10M","defaultSrUuid":null,"requestedBy":"alice",
         "approvals":{"approvers":[],"quorum":1,"allowStarterApproval":false},"maxParallel":8}""",
        MasterFailureRequest.class);
    assertEquals(Duration.ofMinutes(10), m.waitForOldMaster());
    assertEquals(ApprovalPolicy.DEFAULT_EXPIRE, m.approvals().expireAfter());
    DecideRequest d = read("""
        {"gateId":"forget-host","approver":"bob","decision":"APPROVE","reason":"powered off"}""",
        DecideRequest.class);
    assertEquals(Decision.APPROVE, d.decision());
  }

  @Test
  void durationsAreAcceptedAsIsoTextOrSecondsAndInstantsAreIsoText() {
    // Temporal's default converter writes durations as seconds; people may type either form
    String written = converter.toPayload(ApprovalPolicy.defaults()).orElseThrow().getData().toStringUtf8();
    assertEquals("{\"approvers\":[],\"quorum\":1,\"allowStarterApproval\":false,\"remindAfter\":900.000000000,"
        + "\"expireAfter\":14400.000000000}", written);
    assertEquals(ApprovalPolicy.defaults(), read(written, ApprovalPolicy.class));
    assertEquals(Duration.ofMinutes(30), read("{\"expireAfter\":\"PT30M\"}", ApprovalPolicy.class).expireAfter());
    String at = converter.toPayload(new GateDecision("g", "bob", Decision.REJECT, "r",
        java.time.Instant.parse("2026-01-01T00:11:05Z"), "sha256:x")).orElseThrow().getData().toStringUtf8();
    org.junit.jupiter.api.Assertions.assertTrue(at.contains("\"at\":\"2026-01-01T00:11:05Z\""), at);
  }
}
