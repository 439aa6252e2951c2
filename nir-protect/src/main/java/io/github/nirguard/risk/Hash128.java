package io.github.nirguard.risk;

/**
 * A non-cryptographic 128-bit hash of a string (two 64-bit lanes, each finished with the
 * MurmurHash3 64-bit finalizer). Pseudonyms are already keyed tokens: the hash only has to tell
 * them apart, and a collision (about n²/2¹²⁹ for n people) would merge two people, never split one.
 */
final class Hash128 {
  private Hash128() {}

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** The first lane. */
  static long high(String s) {
    long a = 0x9E3779B97F4A7C15L ^ s.length();
    for (int i = 0; i < s.length(); i++) {
      a = (a ^ s.charAt(i)) * 0x100000001B3L;
      a = Long.rotateLeft(a, 23);
    }
    return mix(a);
  }

  /** The second lane, independent of the first (other constants, other order of operations). */
  static long low(String s) {
    long b = 0xC2B2AE3D27D4EB4FL + s.length();
    for (int i = s.length() - 1; i >= 0; i--) {
      b = (b + s.charAt(i)) * 0x9FB21C651E98DF25L;
      b ^= b >>> 29;
    }
    return mix(b ^ 0x5851F42D4C957F2DL);
  }
}
