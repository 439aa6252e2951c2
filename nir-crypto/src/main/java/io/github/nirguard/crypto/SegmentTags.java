package io.github.nirguard.crypto;

import java.util.Arrays;

/**
 * The tags of the segments in order, {@link SegmentLayout#tagBytes} each, in one array: 16 bytes
 * per segment (16 KiB per GiB of 1 MB segments).
 */
final class SegmentTags {
  private final int size;
  private byte[] bytes;
  private long count;

  SegmentTags(int size, long expectedSegments) {
    this.size = size;
    this.bytes = new byte[(int) Math.min(Math.max(expectedSegments, 1) * size, 1 << 20)];
  }

  /** Puts the bytes of segment {@code i}'s tag from {@code at} within it. */
  void put(long i, int at, byte[] b, int off, int len) {
    long end = (i + 1) * size; // whole segments: every segment below count is in the array
    if (end > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("too many segments");
    }
    if (end > bytes.length) {
      bytes =
          Arrays.copyOf(
              bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, 2L * bytes.length)));
    }
    System.arraycopy(b, off, bytes, (int) (i * size) + at, len);
    count = Math.max(count, i + 1);
  }

  /** Whether these bytes equal segment {@code i}'s tag from {@code at} within it. */
  boolean matches(long i, int at, byte[] b, int off, int len) {
    if (i >= count) {
      return false;
    }
    int from = (int) (i * size) + at;
    return Arrays.equals(b, off, off + len, bytes, from, from + len);
  }

  /** Forgets the tags of the segments from {@code n} on (matches nothing there). */
  void keep(long n) {
    count = Math.min(count, n);
  }
}
