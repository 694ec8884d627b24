package io.poolrescue.simulator.xapi;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.simulator.MachineState;
import java.util.List;

/** {@code session.*} and {@code system.listMethods}. Passwords are checked and never kept or logged. */
final class SessionMethods {
  private SessionMethods() {}

  static List<ApiMethod> all(MethodTable table) {
    List<Param> credentials = List.of(Param.string("uname"), Param.string("pwd"));
    List<Param> login = List.of(Param.string("uname"), Param.string("pwd"), Param.string("version"),
        Param.string("originator"));
    return List.of(
        new ApiMethod("session.login_with_password", ApiMethod.Access.NONE, false, login, 2,
            SessionMethods::login),
        new ApiMethod("session.slave_local_login_with_password", ApiMethod.Access.NONE, true, credentials, 0,
            SessionMethods::localLogin),
        ApiMethod.local("session.logout", List.of(), SessionMethods::logout),
        ApiMethod.emergency("session.local_logout", List.of(), SessionMethods::logout),
        ApiMethod.pool("session.get_this_host", List.of(Param.string("self")),
            c -> c.view().refByUuid("host", c.hostUuidHere())),
        new ApiMethod("system.listMethods", ApiMethod.Access.NONE, false, List.of(), 0, c -> table.names()));
  }

  private static Object login(Call c) {
    MachineState.Up up = (MachineState.Up) c.state();
    if (!up.master()) {
      throw new XapiException(XapiErrors.HOST_IS_SLAVE, List.of(up.masterAddress()));
    }
    return authenticated(c, false);
  }

  private static Object localLogin(Call c) {
    return authenticated(c, true);
  }

  private static Object authenticated(Call c, boolean local) {
    String user = c.str(0);
    // each machine checks its own root password (the master's for a pool login)
    if (!c.server().site().authenticate(c.address(), user, c.str(1))) {
      throw new XapiException(XapiErrors.SESSION_AUTHENTICATION_FAILED, List.of(user, "Authentication failure"));
    }
    return c.server().sessions().open(user, c.address(), c.hostUuidHere(), local,
        c.server().site().agentRun(c.address())).ref();
  }

  private static Object logout(Call c) {
    c.server().sessions().close(c.session().ref());
    return "";
  }
}
