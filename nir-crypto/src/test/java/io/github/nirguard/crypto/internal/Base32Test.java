package io.github.nirguard.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.testkit.ForAll;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Base32Test {
  /** RFC 4648 section 10 test vectors, lowercased and without padding. */
  @Test
  void rfc4648Vectors() {
    String[][] vectors = {
      {"", ""},
      {"f", "my"},
      {"fo", "mzxq"},
      {"foo", "mzxw6"},
      {"foob", "mzxw6yq"},
      {"fooba", "mzxw6ytb"},
      {"foobar", "mzxw6ytboi"},
    };
    for (String[] v : vectors) {
      byte[] in = v[0].getBytes(StandardCharsets.US_ASCII);
      char[] out = new char[Base32.encodedLength(in.length)];
      assertEquals(out.length, Base32.encode(in, 0, in.length, out, 0));
      assertEquals(v[1], new String(out), v[0]);
      byte[] back = new byte[in.length];
      assertTrue(Base32.decode(v[1].toUpperCase(Locale.ROOT), 0, v[1].length(), back), v[0]);
      assertArrayEquals(in, back, v[0]);
    }
  }

  @Test
  void encode16IsTheGeneralEncoderOnSixteenBytes() {
    long seed = ForAll.seed();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < ForAll.size(); i++) {
      byte[] in = new byte[40];
      r.nextBytes(in);
      int off = r.nextInt(25);
      char[] general = new char[26];
      Base32.encode(in, off, 16, general, 0);
      byte[] out = new byte[30];
      Base32.encode16(in, off, out, 3);
      assertEquals(
          new String(general),
          new String(out, 3, 26, StandardCharsets.US_ASCII),
          "seed " + seed + ", case " + i);
      byte[] back = new byte[16];
      assertTrue(Base32.decode(new String(general), 0, 26, back));
      assertArrayEquals(java.util.Arrays.copyOfRange(in, off, off + 16), back);
    }
  }

  @Test
  void decodeRefusesBadCharactersLengthsAndTrailingBits() {
    byte[] out = new byte[16];
    assertFalse(Base32.decode("aaaaaaaaaaaaaaaaaaaaaaaaa1", 0, 26, out)); // '1' is not base32
    assertFalse(Base32.decode("aaaaaaaaaaaaaaaaaaaaaaaaa", 0, 25, out)); // one short
    assertFalse(Base32.decode("aaaaaaaaaaaaaaaaaaaaaaaaab", 0, 26, out)); // 'b' sets a trailing bit
    assertTrue(
        Base32.decode("aaaaaaaaaaaaaaaaaaaaaaaaae", 0, 26, out)); // 'e' = 00100: last byte bit only
  }
}
