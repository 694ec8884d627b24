package io.poolrescue.pool.model;

/** A virtual block device: links a VM to a VDI ({@code vdiRef} null for an empty CD drive). */
public record Vbd(String ref, String uuid, String vmRef, String vdiRef, String mode, boolean currentlyAttached) {

  public boolean readWrite() {
    return "RW".equals(mode);
  }
}
