package io.github.nirguard.crypto;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit PRF for short inputs, behind {@link
 * Fingerprinter} (the enumeration guard's fingerprints of NIRs, birth groups and principals).
 * Allocation-free; immutable; the key never leaves this object and {@link #toString()} does not
 * show it.
 */
final class SipHash {
  private final long k0;
  private final long k1;

  SipHash(long k0, long k1) {
    this.k0 = k0;
    this.k1 = k1;
  }

  /** Builds from 16 key bytes at {@code off}, little-endian as in the reference. */
  static SipHash of(byte[] key, int off) {
    return new SipHash(le64(key, off), le64(key, off + 8));
  }

  static long le64(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xFFL);
    }
    return v;
  }

  /** The reference function over bytes (tests and interoperability). */
  long hash(byte[] in, int off, int len) {
    State s = new State(k0, k1);
    int end = off + len - (len & 7);
    int i = off;
    for (; i < end; i += 8) {
      s.compress(le64(in, i));
    }
    long last = ((long) len) << 56;
    for (int j = 0; j < (len & 7); j++) {
      last |= (in[i + j] & 0xFFL) << (8 * j);
    }
    return s.finish(last);
  }

  /**
   * Hashes the 16 bytes {@code le64(domain) || le64(value)}: equal to {@code hash(bytes, 0, 16)}
   * over that encoding.
   */
  long hash(long domain, long value) {
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    // word 1: domain
    v3 ^= domain;
    for (int r = 0; r < 2; r++) {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= domain;
    // word 2: value
    v3 ^= value;
    for (int r = 0; r < 2; r++) {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= value;
    // final block: length 16, no remaining bytes
    long b = 16L << 56;
    v3 ^= b;
    for (int r = 0; r < 2; r++) {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= b;
    v2 ^= 0xff;
    for (int r = 0; r < 4; r++) {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  /**
   * Hashes the UTF-16LE encoding of a character sequence, without allocating: equal to {@code
   * hash(bytes, 0, 2 * text.length())} over that encoding.
   */
  long hash(CharSequence text) {
    State s = new State(k0, k1);
    int n = text.length();
    int full = n & ~3;
    for (int i = 0; i < full; i += 4) {
      s.compress(
          text.charAt(i)
              | (long) text.charAt(i + 1) << 16
              | (long) text.charAt(i + 2) << 32
              | (long) text.charAt(i + 3) << 48);
    }
    long last = ((long) (2 * n)) << 56;
    for (int j = 0; j < (n & 3); j++) {
      last |= (long) text.charAt(full + j) << (16 * j);
    }
    return s.finish(last);
  }

  /** Running state; small enough that escape analysis keeps it off the heap. */
  private static final class State {
    long v0;
    long v1;
    long v2;
    long v3;

    State(long k0, long k1) {
      v0 = k0 ^ 0x736f6d6570736575L;
      v1 = k1 ^ 0x646f72616e646f6dL;
      v2 = k0 ^ 0x6c7967656e657261L;
      v3 = k1 ^ 0x7465646279746573L;
    }

    void round() {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }

    void compress(long m) {
      v3 ^= m;
      round();
      round();
      v0 ^= m;
    }

    long finish(long last) {
      compress(last);
      v2 ^= 0xff;
      round();
      round();
      round();
      round();
      return v0 ^ v1 ^ v2 ^ v3;
    }
  }

  @Override
  public String toString() {
    return "SipHash[key hidden]";
  }
}
