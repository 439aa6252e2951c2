package io.github.nirguard.crypto.fpe;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips, limits and what exceptions and {@code toString} reveal. */
class Ff1Test {

  private static final long SEED = Long.getLong("nirguard.ff1.seed", 20260101L);
  private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F");
  private static final byte[] TWEAK = "lab-export".getBytes(StandardCharsets.UTF_8);

  // ---- round trips

  @ParameterizedTest(name = "radix {0}")
  @ValueSource(ints = {2, 3, 10, 16, 36, 62, 255, 256, 257, 1000, 65535, 65536})
  void generalPathRoundTrips(int radix) {
    SplittableRandom random = new SplittableRandom(SEED + radix);
    Ff1 ff1 = Ff1.insecureFromRawKey(KEY, radix);
    int min = minLength(radix);
    for (int length : new int[] {min, min + 1, min + 7, 64}) {
      for (int rep = 0; rep < 20; rep++) {
        int[] x = new int[length];
        Arrays.setAll(x, k -> random.nextInt(radix));
        int[] copy = x.clone();
        byte[] tweak = new byte[random.nextInt(0, 50)];
        random.nextBytes(tweak);
        int[] y = ff1.encrypt(tweak, x);
        String at = "seed=" + SEED + " radix=" + radix + " length=" + length;
        assertArrayEquals(copy, x, at + ": input untouched");
        assertEquals(length, y.length, at);
        assertTrue(Arrays.stream(y).allMatch(d -> d >= 0 && d < radix), at);
        assertArrayEquals(x, ff1.decrypt(tweak, y), at);
      }
    }
  }

  @Test
  void decimalFastPathRoundTripsAndAgreesWithItsStringForm() {
    SplittableRandom random = new SplittableRandom(SEED);
    Ff1 ff1 = Ff1.insecureFromRawKey(KEY, 10);
    for (int length = 6; length <= 18; length++) {
      Ff1.Domain domain = ff1.domain(TWEAK, length);
      assertEquals(length, domain.length());
      long limit = pow10(length);
      long[] values = {0, 1, limit - 1, limit / 2, random.nextLong(limit)};
      for (long value : values) {
        String at = "seed=" + SEED + " length=" + length + " value=" + value;
        long c = domain.encrypt(value);
        assertTrue(c >= 0 && c < limit, at);
        assertEquals(value, domain.decrypt(c), at);
        String digits = String.format(Locale.ROOT, "%0" + length + "d", value);
        String cDigits = String.format(Locale.ROOT, "%0" + length + "d", c);
        assertEquals(cDigits, domain.encrypt(digits), at);
        assertEquals(digits, domain.decrypt(cDigits), at);
        assertEquals(cDigits, domain.encrypt(new StringBuilder(digits)), at);
      }
    }
  }

  @Test
  void encryptionIsAPermutationOfASmallDomain() {
    Ff1.Domain domain = Ff1.insecureFromRawKey(KEY, 10).domain(TWEAK, 6);
    boolean[] seen = new boolean[1_000_000];
    long[] all = new long[1_000_000];
    Arrays.setAll(all, i -> i);
    domain.encrypt(all, all, all.length);
    for (long c : all) {
      assertFalse(seen[(int) c], "collision");
      seen[(int) c] = true;
    }
    domain.decrypt(all, all, all.length);
    for (int i = 0; i < all.length; i++) {
      assertEquals(i, all[i]);
    }
  }

  @Test
  void batchMatchesSingleCallsAcrossChunksAndLeavesTheRestAlone() {
    SplittableRandom random = new SplittableRandom(SEED);
    Ff1.Domain domain = Ff1.insecureFromRawKey(KEY, 10).domain(TWEAK, 13);
    for (int count : new int[] {0, 1, 255, 256, 257, 1000}) {
      long[] in = new long[count + 3];
      Arrays.setAll(in, i -> random.nextLong(10_000_000_000_000L));
      long[] out = new long[count + 3];
      Arrays.fill(out, -7);
      domain.encrypt(in, out, count);
      for (int i = 0; i < count + 3; i++) {
        long expected = i < count ? domain.encrypt(in[i]) : -7;
        assertEquals(expected, out[i], "seed=" + SEED + " count=" + count + " i=" + i);
      }
      long[] back = out.clone();
      domain.decrypt(back, back, count);
      assertArrayEquals(
          Arrays.copyOf(in, count),
          Arrays.copyOf(back, count),
          "seed=" + SEED + " count=" + count + ": decrypt in place");
    }
  }

  @Test
  void keyTweakAndLengthAllMatter() {
    long value = 1_850_775_123_456L;
    long base = Ff1.insecureFromRawKey(KEY, 10).domain(TWEAK, 13).encrypt(value);
    byte[] otherKey = KEY.clone();
    otherKey[15] ^= 1;
    byte[] otherTweak = TWEAK.clone();
    otherTweak[0] ^= 1;
    assertNotEquals(base, Ff1.insecureFromRawKey(otherKey, 10).domain(TWEAK, 13).encrypt(value));
    assertNotEquals(base, Ff1.insecureFromRawKey(KEY, 10).domain(otherTweak, 13).encrypt(value));
    assertNotEquals(base, Ff1.insecureFromRawKey(KEY, 10).domain(new byte[0], 13).encrypt(value));
    assertNotEquals(base, Ff1.insecureFromRawKey(KEY, 10).domain(TWEAK, 14).encrypt(value));
  }

  @Test
  void keyAndTweakAreCopied() {
    byte[] key = KEY.clone();
    byte[] tweak = TWEAK.clone();
    Ff1 ff1 = Ff1.insecureFromRawKey(key, 10);
    Ff1.Domain domain = ff1.domain(tweak, 13);
    long before = domain.encrypt(42);
    int[] beforeGeneral = ff1.encrypt(tweak, digits(42, 13));
    Arrays.fill(key, (byte) 0);
    Arrays.fill(tweak, (byte) 0);
    assertEquals(before, domain.encrypt(42));
    assertEquals(before, Ff1.insecureFromRawKey(KEY, 10).domain(TWEAK, 13).encrypt(42));
    assertArrayEquals(beforeGeneral, ff1.encrypt(TWEAK, digits(42, 13)));
  }

  @Test
  void unsignedModMatchesTheJdk() {
    SplittableRandom random = new SplittableRandom(SEED);
    long[] moduli = {
      2,
      3,
      7,
      1_000,
      10_000,
      100_000,
      1_000_000,
      10_000_000,
      100_000_000,
      1_000_000_000,
      999_999_937,
      (1L << 61) + 1,
      (1L << 62) - 1
    };
    for (long m : moduli) {
      long magic = Long.divideUnsigned(-1L, m);
      long top = Long.divideUnsigned(-1L, m) * m; // largest multiple of m below 2^64
      long[] edges = {
        0,
        1,
        m - 1,
        m,
        m + 1,
        2 * m - 1,
        2 * m,
        -1,
        -2,
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        Long.MIN_VALUE + 1,
        top,
        top - 1,
        top + 1,
        top - m,
        top - m - 1
      };
      for (long y : edges) {
        assertEquals(
            Long.remainderUnsigned(y, m),
            Ff1.unsignedMod(y, m, magic),
            "y=" + Long.toUnsignedString(y) + " m=" + m);
      }
      for (int k = 0; k < 200_000; k++) {
        long y = random.nextLong();
        long multiple = Long.divideUnsigned(y, m) * m;
        long near = multiple + random.nextLong(-2, 3);
        for (long v : new long[] {y, multiple, near}) {
          assertEquals(
              Long.remainderUnsigned(v, m),
              Ff1.unsignedMod(v, m, magic),
              "seed=" + SEED + " y=" + Long.toUnsignedString(v) + " m=" + m);
        }
      }
    }
  }

  // ---- limits

  @ParameterizedTest(name = "radix {0}: at least {1} numerals")
  @CsvSource({"2, 20", "3, 13", "10, 6", "16, 5", "36, 4", "999, 3", "1000, 2", "65536, 2"})
  void domainFloorIsEnforced(int radix, int minLength) {
    Ff1 ff1 = Ff1.insecureFromRawKey(KEY, radix);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ff1.encrypt(TWEAK, new int[minLength - 1]));
    assertTrue(e.getMessage().contains("radix^length >= 1,000,000"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ff1.decrypt(TWEAK, new int[minLength - 1]));
    assertDoesNotThrow(() -> ff1.encrypt(TWEAK, new int[minLength]));
    assertThrows(IllegalArgumentException.class, () -> ff1.encrypt(TWEAK, new int[0]));
  }

  @Test
  void fastPathFloorAndCap() {
    Ff1 ff1 = Ff1.insecureFromRawKey(KEY, 10);
    IllegalArgumentException floor =
        assertThrows(IllegalArgumentException.class, () -> ff1.domain(TWEAK, 5));
    assertTrue(floor.getMessage().contains("1,000,000"), floor.getMessage());
    assertDoesNotThrow(() -> ff1.domain(TWEAK, 6));
    assertDoesNotThrow(() -> ff1.domain(TWEAK, 18));
    IllegalArgumentException cap =
        assertThrows(IllegalArgumentException.class, () -> ff1.domain(TWEAK, 19));
    assertTrue(cap.getMessage().contains("2^63"), cap.getMessage());
    // other radixes take the fast path when radix^length fits a long; digit strings stay decimal
    assertDoesNotThrow(() -> Ff1.insecureFromRawKey(KEY, 16).domain(TWEAK, 13));
    assertThrows(
        IllegalArgumentException.class, () -> Ff1.insecureFromRawKey(KEY, 16).domain(TWEAK, 16));
    assertThrows(
        IllegalStateException.class,
        () -> Ff1.insecureFromRawKey(KEY, 16).domain(TWEAK, 13).encrypt("0123456789012"));
  }

  @Test
  void tweakIsCappedAt256Bytes() {
    Ff1 ff1 = Ff1.insecureFromRawKey(KEY, 10);
    int[] x = new int[10];
    assertDoesNotThrow(() -> ff1.encrypt(new byte[256], x));
    assertDoesNotThrow(() -> ff1.domain(new byte[256], 10));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ff1.encrypt(new byte[257], x));
    assertTrue(e.getMessage().contains("256 bytes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ff1.decrypt(new byte[257], x));
    assertThrows(IllegalArgumentException.class, () -> ff1.domain(new byte[257], 10));
  }

  @Test
  void inputIsCappedAt4096Numerals() {
    Ff1 ff1 = Ff1.insecureFromRawKey(KEY, 10);
    int[] longest = new int[4096];
    Arrays.fill(longest, 7);
    assertArrayEquals(longest, ff1.decrypt(TWEAK, ff1.encrypt(TWEAK, longest)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ff1.encrypt(TWEAK, new int[4097]));
    assertTrue(e.getMessage().contains("4096"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ff1.decrypt(TWEAK, new int[4097]));
  }

  @ParameterizedTest(name = "{0} key bytes")
  @ValueSource(ints = {0, 1, 8, 15, 17, 20, 23, 25, 31, 33, 48, 64})
  void unsupportedKeySizesAreRejected(int size) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Ff1.insecureFromRawKey(new byte[size], 10));
    assertTrue(e.getMessage().contains("16, 24 or 32"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Ff1.insecureFromRawKey(new byte[size], 10));
  }

  @Test
  void supportedKeySizesAreAccepted() {
    for (int size : new int[] {16, 24, 32}) {
      assertDoesNotThrow(() -> Ff1.insecureFromRawKey(new byte[size], 10));
    }
  }

  @ParameterizedTest(name = "radix {0}")
  @ValueSource(ints = {Integer.MIN_VALUE, -10, 0, 1, 65537, Integer.MAX_VALUE})
  void unsupportedRadixesAreRejected(int radix) {
    assertThrows(IllegalArgumentException.class, () -> Ff1.insecureFromRawKey(KEY, radix));
  }

  @Test
  void nullsAreRejected() {
    Ff1 ff1 = Ff1.insecureFromRawKey(KEY, 10);
    Ff1.Domain domain = ff1.domain(TWEAK, 13);
    assertAll(
        () -> assertThrows(NullPointerException.class, () -> Ff1.insecureFromRawKey(null, 10)),
        () -> assertThrows(NullPointerException.class, () -> ff1.encrypt(null, new int[8])),
        () -> assertThrows(NullPointerException.class, () -> ff1.decrypt(TWEAK, null)),
        () -> assertThrows(NullPointerException.class, () -> ff1.domain(null, 13)),
        () -> assertThrows(NullPointerException.class, () -> domain.encrypt((CharSequence) null)),
        () -> assertThrows(NullPointerException.class, () -> domain.encrypt(null, new long[1], 1)),
        () -> assertThrows(NullPointerException.class, () -> domain.decrypt(new long[1], null, 1)));
  }

  @Test
  void outOfRangeInputsAreRejected() {
    Ff1 ff1 = Ff1.insecureFromRawKey(KEY, 36);
    assertThrows(
        IllegalArgumentException.class, () -> ff1.encrypt(TWEAK, new int[] {0, 1, 2, 36, 4, 5}));
    assertThrows(
        IllegalArgumentException.class, () -> ff1.decrypt(TWEAK, new int[] {0, 1, 2, -1, 4, 5}));

    Ff1.Domain domain = Ff1.insecureFromRawKey(KEY, 10).domain(TWEAK, 13);
    long limit = 10_000_000_000_000L;
    for (long bad : new long[] {-1, limit, Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertThrows(IllegalArgumentException.class, () -> domain.encrypt(bad));
      assertThrows(IllegalArgumentException.class, () -> domain.decrypt(bad));
    }
    assertDoesNotThrow(() -> domain.encrypt(limit - 1));
    for (String bad :
        new String[] {
          "", "123456789012", "12345678901234", "123456789012a", "12345678901 2", "١٢٣٤٥٦٧٨٩٠١٢٣"
        }) {
      assertThrows(IllegalArgumentException.class, () -> domain.encrypt(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> domain.decrypt(bad), bad);
    }
  }

  @Test
  void batchChecksEverythingBeforeWriting() {
    Ff1.Domain domain = Ff1.insecureFromRawKey(KEY, 10).domain(TWEAK, 13);
    long[] in = new long[600];
    Arrays.fill(in, 5);
    in[599] = -1;
    long[] out = new long[600];
    assertThrows(IllegalArgumentException.class, () -> domain.encrypt(in, out, 600));
    assertTrue(Arrays.stream(out).allMatch(v -> v == 0), "nothing written");
    assertDoesNotThrow(() -> domain.encrypt(in, out, 599));
    assertThrows(IndexOutOfBoundsException.class, () -> domain.encrypt(in, out, 601));
    assertThrows(IndexOutOfBoundsException.class, () -> domain.encrypt(in, new long[10], 11));
    assertThrows(IndexOutOfBoundsException.class, () -> domain.decrypt(in, out, -1));
  }

  // ---- what is shown

  @Test
  void toStringShowsNoKeyOrTweak() {
    byte[] key = HexFormat.of().parseHex("A1B2C3D4E5F60718293A4B5C6D7E8F90");
    Ff1 ff1 = Ff1.insecureFromRawKey(key, 10);
    Ff1.Domain domain = ff1.domain(TWEAK, 13);
    assertEquals("Ff1[radix=10]", ff1.toString());
    assertEquals("Ff1.Domain[radix=10, length=13]", domain.toString());
    assertEquals("Ff1[radix=36]", Ff1.insecureFromRawKey(key, 36).toString());
    for (String shown : new String[] {ff1.toString(), domain.toString()}) {
      assertNoSecret(shown, key, "lab-export");
    }
  }

  @Test
  void exceptionMessagesNeverQuoteTheInput() {
    byte[] key = HexFormat.of().parseHex("A1B2C3D4E5F60718293A4B5C6D7E8F90");
    Ff1 ff1 = Ff1.insecureFromRawKey(key, 10);
    Ff1.Domain domain = ff1.domain(TWEAK, 13);
    assertMessageHidesInput(() -> domain.encrypt(98_765_432_109_876L), "98765432109876");
    assertMessageHidesInput(() -> domain.decrypt(-98_765_432_109_876L), "98765432109876");
    assertMessageHidesInput(() -> domain.encrypt("9876543210987x"), "9876543210987");
    assertMessageHidesInput(() -> domain.encrypt("987654321098"), "987654321098");
    assertMessageHidesInput(
        () -> domain.encrypt(new long[] {98_765_432_109_876L}, new long[1], 1), "98765432109876");
    assertMessageHidesInput(() -> ff1.encrypt(TWEAK, new int[] {9, 8, 7, 6, 5}), "98765");
    assertMessageHidesInput(() -> ff1.encrypt(TWEAK, new int[] {9, 8, 7, 6, 5, 43, 2, 1}), "43");
    assertMessageHidesInput(() -> Ff1.insecureFromRawKey(Arrays.copyOf(key, 15), 10), "A1B2C3");
    assertMessageHidesInput(() -> Ff1.insecureFromRawKey(key, 65537), "A1B2C3");
    assertMessageHidesInput(() -> ff1.domain(new byte[300], 13), "A1B2C3");
  }

  private static void assertMessageHidesInput(Runnable call, String input) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    String message = e.getMessage();
    assertFalse(message.contains(input), message);
    assertFalse(message.toUpperCase(Locale.ROOT).contains("A1B2C3"), message);
    assertFalse(message.contains("-95"), message); // first key byte, signed
    assertTrue(e.getCause() == null, "no cause carrying data");
  }

  private static void assertNoSecret(String shown, byte[] key, String tweak) {
    String hex = HexFormat.of().formatHex(key);
    assertFalse(shown.toLowerCase(Locale.ROOT).contains(hex.substring(0, 6)), shown);
    assertFalse(shown.contains(Arrays.toString(key).substring(1, 8)), shown);
    assertFalse(shown.contains(tweak), shown);
  }

  // ---- helpers

  private static int minLength(int radix) {
    int length = 1;
    long size = radix;
    while (size < 1_000_000) {
      size *= radix;
      length++;
    }
    return length;
  }

  private static long pow10(int e) {
    long p = 1;
    for (int i = 0; i < e; i++) {
      p *= 10;
    }
    return p;
  }

  private static int[] digits(long value, int length) {
    int[] d = new int[length];
    for (int k = length - 1; k >= 0; k--) {
      d[k] = (int) (value % 10);
      value /= 10;
    }
    return d;
  }
}
