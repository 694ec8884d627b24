package io.poolrescue.simulator.xapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.simulator.MachineState;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /jsonrpc} (and the legacy {@code /json}) at one address. Whatever a request contains,
 * it gets an answer (or, when the machine went down since the server's last look, a closed
 * connection); nothing a client sends can stop the server.
 */
final class RpcEndpoint implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(RpcEndpoint.class);

  private final String address;
  private final ServedSite site;
  private final Dispatcher dispatcher;
  private final JsonRpcCodec codec;
  private final long maxBody;
  private final ServedFaults faults;

  RpcEndpoint(String address, ServedSite site, Dispatcher dispatcher, JsonRpcCodec codec, long maxBody,
      ServedFaults faults) {
    this.address = address;
    this.site = site;
    this.dispatcher = dispatcher;
    this.codec = codec;
    this.maxBody = maxBody;
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      serve(exchange);
    } finally {
      site.answered(); // only now may a restart this call caused close the address
    }
  }

  private void serve(HttpExchange exchange) {
    try (exchange) {
      MachineState state = site.machineAt(address);
      if (state instanceof MachineState.Down) {
        return; // gone down since the server's last look, which closes the address
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        Replies.text(exchange, 405, "JSON-RPC takes POST\n");
        return;
      }
      byte[] body;
      try {
        body = BoundedBody.read(exchange, maxBody);
      } catch (BoundedBody.TooLarge e) {
        Replies.json(exchange, 413, codec.protocolError(JsonRpcCodec.INVALID_REQUEST, e.getMessage(), null));
        return;
      }
      JsonRpcRequest request;
      try {
        request = codec.decode(body);
      } catch (JsonRpcCodec.BadRequest e) {
        Replies.json(exchange, 200, codec.protocolError(e.code, e.getMessage(), e.id));
        return;
      }
      Optional<WireFaults.Drawn> fault = faults.draw(address, request.method());
      if (!faults.beforeCall(fault)) {
        return;
      }
      byte[] reply;
      try {
        reply = codec.result(request, dispatcher.dispatch(address, state, request));
      } catch (EmergencyRefusal e) {
        reply = codec.emergencyError(e.error.code(), e.error.params());
      } catch (XapiException e) {
        reply = codec.xapiError(request, e.code(), e.params());
      } catch (PoolUnreachableException e) {
        // The simulator says the host this call needs cannot be reached: so does the wire.
        log.debug("{} at {}: {}", request.method(), address, e.getMessage());
        return;
      } catch (RuntimeException e) {
        log.warn("{} at {} failed unexpectedly", request.method(), address, e);
        reply = codec.xapiError(request, XapiErrors.INTERNAL_ERROR, List.of(String.valueOf(e.getMessage())));
      }
      if (!faults.afterCall(address, fault)) {
        return;
      }
      Replies.json(exchange, 200, reply);
    } catch (IOException e) {
      log.debug("connection to {} dropped: {}", address, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("request at {} failed unexpectedly", address, e);
    }
  }
}
