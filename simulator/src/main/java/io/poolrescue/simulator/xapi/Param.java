package io.poolrescue.simulator.xapi;


/**
 * One declared parameter of an API method (after the session). {@code cls} names the XAPI class a
 * ref must point at; a ref that resolves to nothing is {@code HANDLE_INVALID [cls, ref]}.
 */
record Param(String name, Kind kind, String cls) {

  enum Kind {
    STRING, BOOL, INT, FLOAT, STRING_MAP, STRING_SET,
    /** A ref to an existing object of {@code cls}. */
    REF,
    /** A ref to an existing object of {@code cls}, or {@code OpaqueRef:NULL}. */
    REF_OR_NULL,
    /** A set of refs to existing objects of {@code cls}. */
    REF_SET,
    /** A whole record (an object), e.g. for {@code PBD.create}. */
    RECORD
  }

  static Param string(String name) {
    return new Param(name, Kind.STRING, null);
  }

  static Param bool(String name) {
    return new Param(name, Kind.BOOL, null);
  }

  static Param stringSet(String name) {
    return new Param(name, Kind.STRING_SET, null);
  }

  static Param floating(String name) {
    return new Param(name, Kind.FLOAT, null);
  }

  static Param map(String name) {
    return new Param(name, Kind.STRING_MAP, null);
  }

  static Param ref(String name, String cls) {
    return new Param(name, Kind.REF, cls);
  }

  static Param refOrNull(String name, String cls) {
    return new Param(name, Kind.REF_OR_NULL, cls);
  }

  static Param refSet(String name, String cls) {
    return new Param(name, Kind.REF_SET, cls);
  }

  static Param record(String name, String cls) {
    return new Param(name, Kind.RECORD, cls);
  }
}
