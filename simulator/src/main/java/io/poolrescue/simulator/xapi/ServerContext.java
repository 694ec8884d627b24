package io.poolrescue.simulator.xapi;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What every method implementation may use: the site, sessions, tasks and the JSON factory. */
record ServerContext(ServedSite site, SessionTable sessions, TaskTable tasks, ObjectMapper json) {}
