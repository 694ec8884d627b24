package io.poolrescue.activities;

import io.poolrescue.pool.AddressNotAllowedException;
import io.poolrescue.pool.PoolClient;
import io.poolrescue.pool.PoolConnector;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens a client on an address for the length of one action and maps its failures through
 * {@link XapiFailures}, so every activity reports refusals the same way.
 */
public final class PoolAccess {
  private final PoolConnector connector;

  public PoolAccess(PoolConnector connector) {
    this.connector = java.util.Objects.requireNonNull(connector, "connector");
  }

  public <T> T on(String address, String what, Function<PoolClient, T> action) {
    if (address == null || address.isBlank()) {
      throw XapiFailures.invalid(what + ": no pool address given");
    }
    try (PoolClient client = connector.connect(address)) {
      return action.apply(client);
    } catch (XapiException e) {
      throw XapiFailures.toApplicationFailure(e, what);
    } catch (PoolUnreachableException e) {
      throw XapiFailures.unreachable(e, what);
    } catch (AddressNotAllowedException e) {
      throw XapiFailures.notInInventory(e, what);
    }
  }

  public void run(String address, String what, Consumer<PoolClient> action) {
    on(address, what, c -> {
      action.accept(c);
      return null;
    });
  }

  public PoolConnector connector() {
    return connector;
  }
}
