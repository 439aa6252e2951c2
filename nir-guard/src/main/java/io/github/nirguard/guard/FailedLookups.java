package io.github.nirguard.guard;

/**
 * The outcomes of a principal's latest lookups ({@link Reason#FAILED_LOOKUPS}): a shift register in
 * {@link GuardRecord#failureBits}, bit 0 the latest lookup, 1 when it failed (invalid text or
 * unknown NIR); the count looks at the latest {@code window} bits.
 */
final class FailedLookups {
  private final long mask;

  FailedLookups(int window) {
    this.mask = window == 64 ? -1L : (1L << window) - 1;
  }

  /** A lookup that did not fail (yet: {@link #laterFailed} may mark it). */
  static void succeeded(GuardRecord r) {
    r.failureBits <<= 1;
  }

  /** A lookup whose text was not a valid NIR. */
  static void failed(GuardRecord r) {
    r.failureBits = (r.failureBits << 1) | 1;
    r.failures++;
  }

  /**
   * A lookup counted as a success turned out to be of an unknown NIR: marks the latest lookup not
   * yet marked as failed (the lowest clear bit).
   */
  static void laterFailed(GuardRecord r) {
    r.failureBits |= ~r.failureBits & (r.failureBits + 1);
    r.failures++;
  }

  /** The failed lookups among the latest {@code window}. */
  int count(GuardRecord r) {
    return Long.bitCount(r.failureBits & mask);
  }
}
