package io.poolrescue.simulator.xapi;

import java.util.List;

/**
 * One XAPI method the server answers: its wire name, whether it needs a session, whether it still
 * works while the host refuses normal service (XAPI's emergency calls), its parameters after the
 * session (the last {@code optional} ones may be left out) and what it does.
 */
record ApiMethod(String name, Access access, boolean emergency, List<Param> params, int optional, Impl impl) {

  /** Which sessions the method accepts. */
  enum Access {
    /** No session parameter at all (logins, {@code system.listMethods}). */
    NONE,
    /** A pool session, or a local session on a master. */
    POOL,
    /** Any session valid on this host, local ones included (host-local and emergency calls, logouts). */
    LOCAL,
    /**
     * Any session the server issued that was not logged out and whose agent has not restarted
     * since, a restart in progress included: a task must stay readable after the host that ran its
     * handler starts restarting (a database restore, a promotion), as it does on a real host
     * during the fuse before the restart.
     */
    TASK
  }

  @FunctionalInterface
  interface Impl {
    /** Returns what {@code result} carries: a String, Boolean, Number, List, Map or JsonNode; "" for void. */
    Object invoke(Call call);
  }

  static ApiMethod pool(String name, List<Param> params, Impl impl) {
    return new ApiMethod(name, Access.POOL, false, params, 0, impl);
  }

  static ApiMethod local(String name, List<Param> params, Impl impl) {
    return new ApiMethod(name, Access.LOCAL, false, params, 0, impl);
  }

  static ApiMethod emergency(String name, List<Param> params, Impl impl) {
    return new ApiMethod(name, Access.LOCAL, true, params, 0, impl);
  }

  static ApiMethod task(String name, List<Param> params, Impl impl) {
    return new ApiMethod(name, Access.TASK, true, params, 0, impl);
  }

  /** The number of JSON parameters, session included (MESSAGE_PARAMETER_COUNT_MISMATCH reports them without it). */
  int wireCount() {
    return params.size() + (access == Access.NONE ? 0 : 1);
  }
}
