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

  /**
   * Both lanes in one pass over the characters: the first forwards, the second backwards with other
   * constants and another order of operations, so they are independent; their two multiply chains
   * do not wait on each other. {@code out[0]} is the first lane, {@code out[1]} the second.
   */
  static void both(String s, long[] out) {
    int n = s.length();
    long a = 0x9E3779B97F4A7C15L ^ n;
    long b = 0xC2B2AE3D27D4EB4FL + n;
    for (int i = 0, j = n - 1; i < n; i++, j--) {
      a = (a ^ s.charAt(i)) * 0x100000001B3L;
      a = Long.rotateLeft(a, 23);
      b = (b + s.charAt(j)) * 0x9FB21C651E98DF25L;
      b ^= b >>> 29;
    }
    out[0] = mix(a);
    out[1] = mix(b ^ 0x5851F42D4C957F2DL);
  }
}
