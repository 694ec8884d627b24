package io.poolrescue.pool.xapi;

import io.poolrescue.pool.AddressAllowlist;
import io.poolrescue.pool.AddressNotAllowedException;
import io.poolrescue.pool.PoolUnreachableException;
import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one client. Pool-wide work runs on the master, found by logging in at the
 * client's own (home) address and following {@code HOST_IS_SLAVE}; the session is opened lazily and
 * kept. When it stops working because the pool changed under it ({@code SESSION_INVALID}, or the
 * remembered master no longer answers after a promotion) the work is run once more from a fresh
 * login at home, which finds the current master. Host-local work gets its own session at home.
 *
 * <p>That second run repeats the whole operation, lookups included. If the first had in fact been
 * carried out before the old master vanished, XAPI refuses the repeat (HANDLE_INVALID,
 * VM_BAD_POWER_STATE, PBD_EXISTS, ...) rather than doing it twice.
 */
final class SessionKeeper {
  private static final Logger log = LoggerFactory.getLogger(SessionKeeper.class);
  private static final int MAX_REDIRECTS = 4;
  /** Sent on login like the SDKs do; XAPI only records them. */
  static final String API_VERSION = "2.16";
  static final String ORIGINATOR = "poolrescue";

  private final JsonRpcTransport rpc;
  private final XapiClientConfig config;
  private final String home;
  private final KnownMasters masters;
  private RpcTarget pool; // guarded by this

  SessionKeeper(JsonRpcTransport rpc, XapiClientConfig config, String home, KnownMasters masters) {
    this.rpc = rpc;
    this.config = config;
    this.home = home;
    this.masters = masters;
  }

  String home() {
    return home;
  }

  KnownMasters masters() {
    return masters;
  }

  /** Runs {@code work} against the master, re-logging in once if the pool moved under the session. */
  <T> T onPool(Function<RpcTarget, T> work) {
    RpcTarget target = poolTarget();
    try {
      return work.apply(target);
    } catch (XapiException e) {
      if (!XapiErrors.SESSION_INVALID.equals(e.code())) {
        throw e;
      }
      log.info("XAPI session at {} is no longer valid; logging in again from {}", target.address(), home);
    } catch (PoolUnreachableException e) {
      if (target.address().equals(home)) {
        throw e;
      }
      log.info("master {} does not answer ({}); asking {} again who the master is", target.address(),
          e.getMessage(), home);
    }
    forget(target);
    return work.apply(poolTarget());
  }

  synchronized RpcTarget poolTarget() {
    if (pool == null) {
      pool = loginFollowingRedirects();
    }
    return pool;
  }

  /** Drops the pool session if it is still {@code stale} (another thread may have replaced it). */
  synchronized void forget(RpcTarget stale) {
    if (pool == stale) {
      pool = null;
    }
  }

  /** Drops the pool session after an operation that changes who the master is. */
  void forgetPoolSession() {
    RpcTarget old;
    synchronized (this) {
      old = pool;
      pool = null;
    }
    if (old != null) {
      old.logoutQuietly();
    }
  }

  private RpcTarget loginFollowingRedirects() {
    RpcTarget master = loginFollowingRedirects(home);
    masters.seen(home, master.address());
    return master;
  }

  private RpcTarget loginFollowingRedirects(String from) {
    String at = from;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      try {
        return login(at);
      } catch (XapiException e) {
        if (!XapiErrors.HOST_IS_SLAVE.equals(e.code()) || e.params().isEmpty()) {
          throw e;
        }
        String master = e.params().get(0);
        if (!config.allowlist().allows(master)) {
          log.warn("{} says its master is {}, which is not a host of the worker's inventory: not followed", at, master);
          throw AddressNotAllowedException.redirect(at, master, config.allowlist());
        }
        log.debug("{} is a pool member; its master is {}", at, master);
        at = master;
      }
    }
    throw new PoolUnreachableException(home, "more than " + MAX_REDIRECTS + " HOST_IS_SLAVE redirects", null);
  }

  /** {@code session.login_with_password} at exactly that address, no redirect. */
  RpcTarget login(String address) {
    return loginWith(address, "session.login_with_password", List.of(API_VERSION, ORIGINATOR), false);
  }

  /** {@code session.slave_local_login_with_password} at exactly that address (emergency calls). */
  RpcTarget localLogin(String address) {
    return loginWith(address, "session.slave_local_login_with_password", List.of(), true);
  }

  private RpcTarget loginWith(String address, String method, List<String> extra, boolean local) {
    config.requireAllowed(address); // the password goes to allowed addresses only, whatever the caller
    URI base = config.baseUri(address);
    List<Object> params = new ArrayList<>(2 + extra.size());
    params.add(config.user());
    params.add(config.credentials().password());
    params.addAll(extra);
    String session = rpc.call(base, address, method, params).asText();
    log.debug("logged in to {} as {} ({})", address, config.user(), method);
    return new RpcTarget(rpc, address, base, session, local);
  }

  /**
   * A new session of the master of home's pool, for host-local work that xapi checks against the
   * pool database. Home is asked first: a master gives it, a member names its master
   * ({@code HOST_IS_SLAVE}). A member in emergency mode names nobody, so the master any client of
   * this connector last saw for home is used; with none known, home's refusal (e.g.
   * {@code HOST_BROKEN}) is thrown. A master that does not answer is a PoolUnreachableException
   * naming it. The caller logs the session out.
   */
  RpcTarget masterSessionFor(String what) {
    String master;
    try {
      return login(home);
    } catch (XapiException e) {
      if (XapiErrors.HOST_IS_SLAVE.equals(e.code()) && !e.params().isEmpty()) {
        master = e.params().get(0);
      } else if (XapiErrors.SESSION_AUTHENTICATION_FAILED.equals(e.code())) {
        throw e;
      } else if (masters.of(home) == null) {
        return masterSessionFromPeers(what, e);
      } else {
        master = masters.of(home);
        log.info("{} refuses service ({}); {} uses a session of its last known master {}", home, e.code(), what,
            master);
      }
    }
    if (!config.allowlist().allows(master)) {
      throw AddressNotAllowedException.redirect(home, master, config.allowlist());
    }
    try {
      RpcTarget session = loginFollowingRedirects(master);
      masters.seen(home, session.address());
      return session;
    } catch (PoolUnreachableException e) {
      throw new PoolUnreachableException(master, what + " at " + home + " needs a session of its pool's master "
          + master + ", which does not answer: " + e.getMessage(), e);
    }
  }

  /**
   * Home refuses service and this connector never saw its master (a fresh worker, or another worker
   * than the one that inspected the pool): the pool's other addresses from the inventory are asked in
   * turn, and the first that logs in (following its HOST_IS_SLAVE) gives the master. Without peers,
   * or when none answers, home's own refusal is thrown.
   */
  private RpcTarget masterSessionFromPeers(String what, XapiException refusal) {
    for (String peer : config.poolPeers().of(home)) {
      if (AddressAllowlist.normalize(peer).equals(AddressAllowlist.normalize(home))) {
        continue; // a peer the allowlist lacks is refused by the login itself, before anything is sent
      }
      try {
        RpcTarget session = loginFollowingRedirects(peer);
        masters.seen(home, session.address());
        log.info("{} refuses service ({}); {} uses a session of its pool's master {}, found through {}", home,
            refusal.code(), what, session.address(), peer);
        return session;
      } catch (XapiException | PoolUnreachableException | AddressNotAllowedException e) {
        refusal.addSuppressed(e);
      }
    }
    throw refusal;
  }

  /**
   * A session for host-local work at home: a normal login when home is a master (a fresh host, the
   * master itself), else the emergency local login that every host accepts.
   */
  RpcTarget hostLocal() {
    try {
      return login(home);
    } catch (XapiException e) {
      if (XapiErrors.SESSION_AUTHENTICATION_FAILED.equals(e.code())) {
        throw e;
      }
      log.debug("normal login at {} refused ({}); using a local session", home, e.code());
      return localLogin(home);
    }
  }

  static void logoutQuietly(RpcTarget target, String method) {
    try {
      target.call(method);
    } catch (RuntimeException e) {
      log.debug("{} at {} failed: {}", method, target.address(), e.getMessage());
    }
  }

  void close() {
    forgetPoolSession();
  }
}
