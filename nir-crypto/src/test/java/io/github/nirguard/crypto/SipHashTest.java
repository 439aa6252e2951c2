package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * SipHash-2-4 against the reference vectors, and the allocation-free variants against the
 * reference.
 */
class SipHashTest {
  private static final byte[] KEY = new byte[16];

  static {
    for (int i = 0; i < 16; i++) {
      KEY[i] = (byte) i;
    }
  }

  private static byte[] counting(int n) {
    byte[] m = new byte[n];
    for (int i = 0; i < n; i++) {
      m[i] = (byte) i;
    }
    return m;
  }

  @Test
  void matchesTheReferenceVectors() {
    SipHash h = SipHash.of(KEY, 0);
    // vectors.h of the reference implementation: key 00..0f, message 00..(n-1)
    assertEquals(0x726fdb47dd0e0e31L, h.hash(new byte[0], 0, 0));
    assertEquals(0x74f839c593dc67fdL, h.hash(counting(1), 0, 1));
    assertEquals(0x93f5f5799a932462L, h.hash(counting(8), 0, 8));
    // the paper's example (appendix A): 15 bytes
    assertEquals(0xa129ca6149be45e5L, h.hash(counting(15), 0, 15));
  }

  @Test
  void twoWordsVariantEqualsTheReference() {
    SipHash h = SipHash.of(KEY, 0);
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      long a = r.nextLong();
      long b = r.nextLong();
      byte[] m =
          ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(a).putLong(b).array();
      assertEquals(h.hash(m, 0, 16), h.hash(a, b));
    }
  }

  @Test
  void charSequenceVariantEqualsTheReferenceOverUtf16() {
    SipHash h = SipHash.of(KEY, 0);
    for (String s :
        new String[] {"", "a", "ab", "abc", "abcd", "abcde", "rpps-10001234567", "pharmacie é"}) {
      byte[] m = s.getBytes(StandardCharsets.UTF_16LE);
      assertEquals(h.hash(m, 0, m.length), h.hash(s), s);
    }
  }

  @Test
  void dependsOnTheKey() {
    byte[] other = KEY.clone();
    other[3] ^= 1;
    assertNotEquals(SipHash.of(KEY, 0).hash(1, 2), SipHash.of(other, 0).hash(1, 2));
    assertFalse(SipHash.of(KEY, 0).toString().contains("0"));
  }
}
