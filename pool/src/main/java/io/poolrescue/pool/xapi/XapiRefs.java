package io.poolrescue.pool.xapi;


/** XAPI's reference conventions. */
public final class XapiRefs {
  private XapiRefs() {}

  /** The null reference, e.g. an unset {@code default_SR} or a halted VM's {@code resident_on}. */
  public static final String NULL = "OpaqueRef:NULL";

  public static boolean isNull(String ref) {
    return ref == null || ref.isEmpty() || NULL.equals(ref);
  }

  public static String orNull(String ref) {
    return isNull(ref) ? null : ref;
  }

  public static String wire(String ref) {
    return ref == null ? NULL : ref;
  }
}
