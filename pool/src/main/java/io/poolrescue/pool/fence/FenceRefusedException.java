package io.poolrescue.pool.fence;

/** The BMC refused a forced power-off, or does not offer one; retrying the same call will not help. */
public final class FenceRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String bmc;

  public FenceRefusedException(String bmc, String message) {
    super(bmc + ": " + message);
    this.bmc = bmc;
  }

  public String bmc() {
    return bmc;
  }
}
