package io.poolrescue.simulator;

import java.util.SplittableRandom;
import java.util.UUID;

/** Deterministic uuids and OpaqueRefs: the same preset always gets the same identifiers. */
final class Ids {
  private final SplittableRandom random;

  Ids(long seed) {
    this.random = new SplittableRandom(seed);
  }

  String uuid() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(msb, lsb).toString();
  }

  String ref() {
    return "OpaqueRef:" + uuid();
  }

  String mac() {
    long bits = random.nextLong();
    StringBuilder sb = new StringBuilder("c2");
    for (int i = 0; i < 5; i++) {
      sb.append(':').append(String.format("%02x", (bits >>> (8 * i)) & 0xFF));
    }
    return sb.toString();
  }
}
