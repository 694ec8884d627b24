package io.poolrescue.pool;

import java.util.List;

/**
 * A refusal from XAPI: the exact error code as it travels on the wire ({@code HOST_IS_LIVE},
 * {@code SR_BACKEND_FAILURE_46}, ...) and its parameters (refs, uuids, messages) in XAPI's order.
 */
public class XapiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;
  private final List<String> params;

  public XapiException(String code, List<String> params) {
    super(params.isEmpty() ? code : code + " " + params);
    this.code = code;
    this.params = List.copyOf(params);
  }

  public XapiException(String code, String... params) {
    this(code, List.of(params));
  }

  public String code() {
    return code;
  }

  public List<String> params() {
    return params;
  }
}
