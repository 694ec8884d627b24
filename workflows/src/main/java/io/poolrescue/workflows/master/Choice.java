package io.poolrescue.workflows.master;

/** The member to promote (null when none can be) and why. */
record Choice(String address, String why) {}
