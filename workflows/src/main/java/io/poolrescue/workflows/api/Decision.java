package io.poolrescue.workflows.api;

/** What a person says at a gate. */
public enum Decision {
  APPROVE,
  REJECT
}
