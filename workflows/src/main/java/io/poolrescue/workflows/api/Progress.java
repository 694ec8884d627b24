package io.poolrescue.workflows.api;

/** Progress of a bulk phase, e.g. 37 of 120 VMs restarted. */
public record Progress(String what, int done, int total, int failed) {}
