package io.poolrescue.simulator.xapi;


/**
 * A session the server handed out. A normal session is issued by a master ({@code issuedAt}) and
 * is good on every host of that master's pool while it stays master. A local session
 * ({@code session.slave_local_login_with_password}) is good only on the host that issued it, as
 * long as the same host answers there. Either lives in the issuing agent's memory: {@code agentRun}
 * is that agent's run when it was issued, and a restart of the agent ends it.
 */
record ServerSession(String ref, String user, String issuedAt, String hostUuid, boolean local, long agentRun) {}
