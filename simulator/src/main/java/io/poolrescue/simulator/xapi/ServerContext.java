package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every method implementation may use: the site, sessions, tasks, the JSON factory, the hosts'
 * certificates, and the event logs that {@code event.from} reads.
 */
record ServerContext(ServedSite site, SessionTable sessions, TaskTable tasks, ObjectMapper json,
    ServerIdentities identities, EventHub events) {}
