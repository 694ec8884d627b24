package io.poolrescue.pool;

/**
 * An upload whose connection dropped, and whose task the host never took up: the task stayed
 * {@code pending} long after the drop, where a host that read the upload finishes or fails it. The
 * pool did nothing, so the upload may be sent again (unlike a plain {@link PoolUnreachableException},
 * after which it may have taken effect).
 */
public final class TransferNotReceivedException extends PoolUnreachableException {
  private static final long serialVersionUID = 1L;

  public TransferNotReceivedException(String address, String message, Throwable cause) {
    super(address, message, cause);
  }
}
