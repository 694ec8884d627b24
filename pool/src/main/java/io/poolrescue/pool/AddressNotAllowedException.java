package io.poolrescue.pool;

/**
 * The worker refused to connect to an address outside its {@link AddressAllowlist}: nothing was
 * sent there, not even a TCP connection. Retrying cannot change it; only the worker's inventory can.
 */
public final class AddressNotAllowedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The failure type activities report it with. */
  public static final String CODE = "ADDRESS_NOT_IN_INVENTORY";

  private final String address;

  public AddressNotAllowedException(String address, String message) {
    super(message);
    this.address = address;
  }

  /** The refused address, as it was given. */
  public String address() {
    return address;
  }

  static AddressNotAllowedException notAllowed(String address, AddressAllowlist allowlist) {
    return new AddressNotAllowedException(address, address + " is not a host of the worker's inventory: "
        + "the worker logs in only to " + allowlist.describe() + "; nothing was sent there");
  }

  /** A pool member named a master outside the allowlist: the redirect is not followed. */
  public static AddressNotAllowedException redirect(String from, String master, AddressAllowlist allowlist) {
    return new AddressNotAllowedException(master, from + " answered HOST_IS_SLAVE naming " + master
        + " as its master, which is not a host of the worker's inventory: not followed, no login sent to "
        + master + " (the worker logs in only to " + allowlist.describe() + ")");
  }
}
