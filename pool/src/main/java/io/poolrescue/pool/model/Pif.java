package io.poolrescue.pool.model;

/** A network interface of a host; {@code device} is the NIC name ({@code eth0}) the DB restore checks. */
public record Pif(
    String ref, String uuid, String hostRef, String device, String mac, boolean physical, boolean management) {}
