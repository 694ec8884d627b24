package io.poolrescue.simulator.bmc;

/**
 * One simulated BMC as an inventory needs it.
 *
 * @param url the Redfish service's base URL, e.g. {@code https://127.1.10.2:40123}
 * @param tlsSha256 lower-case hex SHA-256 of the certificate it presents; null over plain HTTP
 * @param serial the machine's serial number, the same as its host record's
 *     {@code bios_strings["system-serial-number"]} and the system's Redfish {@code SerialNumber}
 */
public record SimulatedBmc(
    String hostUuid, String hostName, String serial, String url, String user, String password, String tlsSha256) {

  @Override
  public String toString() {
    return "SimulatedBmc[host=" + hostName + " (" + hostUuid + "), serial=" + serial + ", url=" + url + ", user="
        + user + ", password=<hidden>, tlsSha256=" + tlsSha256 + "]";
  }
}
