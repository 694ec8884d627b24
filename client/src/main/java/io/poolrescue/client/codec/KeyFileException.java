package io.poolrescue.client.codec;


/** The key file is missing, unreadable or not a 256-bit key; the message says which and how to fix it. */
public final class KeyFileException extends RuntimeException {
  public KeyFileException(String message) {
    super(message);
  }
}
