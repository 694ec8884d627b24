package io.poolrescue.workflows.core;

/**
 * A step of a procedure: its id (recorded in the status and in every gate request, so never
 * renamed) and the title the status shows. Each procedure declares its steps once, as constants.
 */
public record Step(String id, String title) {}
