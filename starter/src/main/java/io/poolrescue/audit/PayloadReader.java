package io.poolrescue.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.List;

/** Turns recorded payloads into JSON trees and failures into one-line texts, through the run's data converter. */
final class PayloadReader {

  private final DataConverter converter;

  PayloadReader(DataConverter converter) {
    this.converter = converter;
  }

  /** One argument: its JSON; several: an array; none: null. */
  JsonNode read(Payloads payloads) {
    List<Payload> list = payloads.getPayloadsList();
    if (list.isEmpty()) {
      return null;
    }
    if (list.size() == 1) {
      return read(list.get(0));
    }
    var array = JsonNodeFactory.instance.arrayNode();
    list.forEach(p -> array.add(read(p)));
    return array;
  }

  JsonNode read(Payload payload) {
    try {
      return converter.fromPayload(payload, JsonNode.class, JsonNode.class);
    } catch (RuntimeException e) {
      String encoding = payload.getMetadataOrDefault("encoding", com.google.protobuf.ByteString.EMPTY).toStringUtf8();
      return JsonNodeFactory.instance.textNode(
          "<" + payload.getData().size() + " bytes of " + encoding + " that cannot be read: " + e.getMessage() + ">");
    }
  }

  /** "TYPE: message" for application failures (the type is the XAPI error code), the message otherwise. */
  String describe(Failure failure) {
    try {
      RuntimeException e = converter.failureToException(failure);
      Throwable root = e;
      // an activity failure wraps the application failure that names the cause
      while (root.getCause() != null && root instanceof TemporalFailure && !(root instanceof ApplicationFailure)) {
        root = root.getCause();
      }
      if (root instanceof ApplicationFailure app) {
        return app.getType() + ": " + app.getOriginalMessage();
      }
      return root instanceof TemporalFailure tf ? tf.getOriginalMessage() : String.valueOf(root.getMessage());
    } catch (RuntimeException e) {
      return failure.getMessage();
    }
  }
}
