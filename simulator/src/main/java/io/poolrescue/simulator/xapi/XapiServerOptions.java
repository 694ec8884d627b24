package io.poolrescue.simulator.xapi;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@link XapiServer} listens.
 *
 * @param port the port every address listens on; 0 picks a free one at start
 * @param tls null for plain HTTP; else HTTPS with one PKCS12 keystore's key and certificate for every
 *     address, or (keystore null, {@link #withHostCertificates()}) a certificate generated per host
 * @param threads at most this many calls served at once, all addresses together
 * @param maxRpcBytes largest JSON-RPC request body accepted (413 beyond)
 * @param maxUploadBytes largest PUT body accepted by the HTTP handlers (413 beyond)
 * @param bindPoll how often to look at the simulated machines for changes due on the clock (a
 *     shutdown or boot that ends); zero to see them only at the next call into the simulation and
 *     on {@link XapiServer#refresh()}
 * @param faults the faults injected into the calls served ({@link WireFaultPlan#none()} by default)
 */
public record XapiServerOptions(int port, Tls tls, int threads, long maxRpcBytes, long maxUploadBytes,
    Duration bindPoll, WireFaultPlan faults) {

  /** A PKCS12 keystore with one private key entry; keystore null: each host generates its own. */
  public record Tls(Path keystore, char[] password) {
    public Tls {
      password = password == null ? new char[0] : password.clone();
    }

    @Override
    public char[] password() {
      return password.clone();
    }

    @Override
    public String toString() {
      return keystore == null ? "Tls[per host]" : "Tls[" + keystore + "]";
    }
  }

  public XapiServerOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    if (maxRpcBytes < 1024 || maxUploadBytes < 1024) {
      throw new IllegalArgumentException("body limits below 1 KiB make no sense");
    }
    if (bindPoll == null || bindPoll.isNegative()) {
      throw new IllegalArgumentException("bindPoll must be zero or positive");
    }
    faults = faults == null ? WireFaultPlan.none() : faults;
  }

  /**
   * xapi serves each connection on a thread of its own, and a VM.start_on holds its call for the whole
   * start: a small pool here would cap the starts of the whole pool far below its hosts' own slots.
   * Threads are made as calls come and end when idle.
   */
  public static final int DEFAULT_THREADS = 1024;

  /**
   * Plain HTTP on a free port, up to {@value #DEFAULT_THREADS} threads, 16 MiB RPC bodies, 256 MiB
   * uploads, new addresses every 200 ms.
   */
  public static XapiServerOptions defaults() {
    return new XapiServerOptions(0, null, DEFAULT_THREADS, 16L << 20, 256L << 20, Duration.ofMillis(200), WireFaultPlan.none());
  }

  public XapiServerOptions withPort(int port) {
    return new XapiServerOptions(port, tls, threads, maxRpcBytes, maxUploadBytes, bindPoll, faults);
  }

  public XapiServerOptions withTls(Path keystore, char[] password) {
    return new XapiServerOptions(port, new Tls(keystore, password), threads, maxRpcBytes, maxUploadBytes, bindPoll, faults);
  }

  /** HTTPS where each host presents its own self-signed certificate, generated at start. */
  public XapiServerOptions withHostCertificates() {
    return new XapiServerOptions(port, new Tls(null, null), threads, maxRpcBytes, maxUploadBytes, bindPoll, faults);
  }

  public XapiServerOptions withThreads(int threads) {
    return new XapiServerOptions(port, tls, threads, maxRpcBytes, maxUploadBytes, bindPoll, faults);
  }

  public XapiServerOptions withLimits(long maxRpcBytes, long maxUploadBytes) {
    return new XapiServerOptions(port, tls, threads, maxRpcBytes, maxUploadBytes, bindPoll, faults);
  }

  public XapiServerOptions withBindPoll(Duration bindPoll) {
    return new XapiServerOptions(port, tls, threads, maxRpcBytes, maxUploadBytes, bindPoll, faults);
  }

  public XapiServerOptions withFaults(WireFaultPlan faults) {
    return new XapiServerOptions(port, tls, threads, maxRpcBytes, maxUploadBytes, bindPoll, faults);
  }

  public String scheme() {
    return tls == null ? "http" : "https";
  }
}
