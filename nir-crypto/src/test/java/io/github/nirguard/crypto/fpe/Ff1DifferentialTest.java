package io.github.nirguard.crypto.fpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * Differential test against Bouncy Castle's {@link FPEFF1Engine}, an independent FF1.
 *
 * <p>Every case derives from one seed, printed in each failure message; rerun a failure with {@code
 * -Dnirguard.ff1.seed=<seed>}.
 */
class Ff1DifferentialTest {

  private static final long SEED = Long.getLong("nirguard.ff1.seed", 0x4E49_5247_5541_5244L);

  /** Decimal configurations (key, tweak, length), and values per configuration and direction. */
  private static final int DECIMAL_CONFIGS = 1_000;

  private static final int VALUES_PER_CONFIG = 100;

  private static final int[] KEY_SIZES = {16, 24, 32};

  @Test
  void decimalFastBatchAndGeneralPathsMatchBouncyCastle() {
    SplittableRandom random = new SplittableRandom(SEED);
    long compared = 0;
    int[] tweakBlocksSeen = new int[4];
    for (int config = 0; config < DECIMAL_CONFIGS; config++) {
      byte[] key = bytes(random, KEY_SIZES[random.nextInt(KEY_SIZES.length)]);
      int length = random.nextInt(6, 19);
      byte[] tweak = bytes(random, random.nextInt(0, 41));
      int b = length <= 8 ? 2 : length <= 14 ? 3 : 4; // bytes of NUM(B), v = ceil(n / 2)
      tweakBlocksSeen[(tweak.length + b + 1 + 15) / 16]++;
      String where =
          "seed="
              + SEED
              + " config="
              + config
              + " keyBytes="
              + key.length
              + " length="
              + length
              + " tweakBytes="
              + tweak.length;

      Ff1 ff1 = Ff1.insecureFromRawKey(key, 10);
      Ff1.Domain domain = ff1.domain(tweak, length);
      FPEFF1Engine bcEncrypt = bouncyCastle(true, key, 10, tweak);
      FPEFF1Engine bcDecrypt = bouncyCastle(false, key, 10, tweak);
      long limit = pow10(length);

      long[] plain = new long[VALUES_PER_CONFIG];
      long[] cipher = new long[VALUES_PER_CONFIG];
      for (int k = 0; k < VALUES_PER_CONFIG; k++) {
        plain[k] = k == 0 ? 0 : k == 1 ? limit - 1 : random.nextLong(limit);
        cipher[k] = random.nextLong(limit); // independent values for the decrypt side
      }
      long[] batchEncrypted = new long[VALUES_PER_CONFIG];
      long[] batchDecrypted = new long[VALUES_PER_CONFIG];
      domain.encrypt(plain, batchEncrypted, VALUES_PER_CONFIG);
      domain.decrypt(cipher, batchDecrypted, VALUES_PER_CONFIG);

      byte[] bcOut = new byte[length];
      for (int k = 0; k < VALUES_PER_CONFIG; k++) {
        String at = where + " value#" + k;

        byte[] p = digits(plain[k], length);
        bcEncrypt.processBlock(p, 0, length, bcOut, 0);
        long expected = value(bcOut);
        assertEquals(expected, domain.encrypt(plain[k]), () -> at + ": fast encrypt");
        assertEquals(expected, batchEncrypted[k], () -> at + ": batch encrypt");
        assertArrayEquals(ints(bcOut), ff1.encrypt(tweak, ints(p)), () -> at + ": general encrypt");
        assertEquals(plain[k], domain.decrypt(expected), () -> at + ": fast round trip");

        byte[] c = digits(cipher[k], length);
        bcDecrypt.processBlock(c, 0, length, bcOut, 0);
        expected = value(bcOut);
        assertEquals(expected, domain.decrypt(cipher[k]), () -> at + ": fast decrypt");
        assertEquals(expected, batchDecrypted[k], () -> at + ": batch decrypt");
        assertArrayEquals(ints(bcOut), ff1.decrypt(tweak, ints(c)), () -> at + ": general decrypt");
        compared += 2;
      }
    }
    assertEquals(2L * DECIMAL_CONFIGS * VALUES_PER_CONFIG, compared, "seed=" + SEED);
    for (int blocks = 1; blocks <= 3; blocks++) {
      int q = blocks;
      assertTrue(
          tweakBlocksSeen[q] > 0, () -> "seed=" + SEED + ": no case with Q of " + q + " blocks");
    }
  }

  @Test
  void generalPathMatchesBouncyCastleOverRadixes() {
    SplittableRandom random = new SplittableRandom(SEED ^ 0x5A5A_5A5AL);
    for (int config = 0; config < 600; config++) {
      int radix =
          switch (config % 3) {
            case 0 -> random.nextInt(2, 37);
            case 1 -> random.nextInt(37, 257);
            default -> random.nextInt(257, 65536); // 65536: see radix65536MatchesTextbookFf1
          };
      int minLength = minLength(radix);
      int length = random.nextInt(minLength, minLength + 40);
      byte[] key = bytes(random, KEY_SIZES[random.nextInt(KEY_SIZES.length)]);
      byte[] tweak = bytes(random, random.nextInt(0, 41));
      String where =
          "seed="
              + SEED
              + " radix config="
              + config
              + " radix="
              + radix
              + " length="
              + length
              + " tweakBytes="
              + tweak.length;

      Ff1 ff1 = Ff1.insecureFromRawKey(key, radix);
      int[] x = new int[length];
      for (int k = 0; k < length; k++) {
        x[k] = random.nextInt(radix);
      }
      int[] expected = bouncyCastle(true, key, radix, tweak, x);
      assertArrayEquals(expected, ff1.encrypt(tweak, x), () -> where + ": encrypt");
      assertArrayEquals(
          bouncyCastle(false, key, radix, tweak, x),
          ff1.decrypt(tweak, x),
          () -> where + ": decrypt");
      assertArrayEquals(x, ff1.decrypt(tweak, expected), () -> where + ": round trip");
    }
  }

  @Test
  void generalPathMatchesBouncyCastleOnLongInputs() {
    SplittableRandom random = new SplittableRandom(SEED ^ 0xA5A5_A5A5L);
    int[][] shapes = {{10, 100}, {10, 1001}, {2, 4096}, {36, 333}, {65535, 700}, {255, 4096}};
    for (int[] shape : shapes) {
      int radix = shape[0];
      int length = shape[1];
      byte[] key = bytes(random, 32);
      byte[] tweak = bytes(random, random.nextInt(0, 257));
      String where = "seed=" + SEED + " radix=" + radix + " length=" + length;
      int[] x = new int[length];
      for (int k = 0; k < length; k++) {
        x[k] = random.nextInt(radix);
      }
      Ff1 ff1 = Ff1.insecureFromRawKey(key, radix);
      int[] expected = bouncyCastle(true, key, radix, tweak, x);
      assertArrayEquals(expected, ff1.encrypt(tweak, x), () -> where + ": encrypt");
      assertArrayEquals(x, ff1.decrypt(tweak, expected), () -> where + ": round trip");
    }
  }

  /**
   * Radix 2^16 is checked against a textbook FF1 instead: Bouncy Castle 1.87 writes the radix into
   * P as {@code 00 || radix mod 2^16}, so at radix 65536 its P block is {@code 01 02 01 00 00 00
   * ...} where SP 800-38G's {@code [radix]^3} gives {@code 01 02 01 01 00 00 ...}. Below 2^16 both
   * encodings agree.
   */
  @Test
  void radix65536MatchesTextbookFf1() {
    // The textbook FF1 is itself checked: a NIST sample, and Bouncy Castle just below 2^16.
    byte[] nistKey = HexFormat.of().parseHex("2B7E151628AED2A6ABF7158809CF4F3C");
    byte[] nistTweak = HexFormat.of().parseHex("3737373770717273373737");
    int[] nistPlain = new int[19];
    Arrays.setAll(nistPlain, k -> k);
    assertArrayEquals(
        new int[] {10, 9, 29, 31, 4, 0, 22, 21, 21, 9, 20, 13, 30, 5, 0, 9, 14, 30, 22},
        TextbookFf1.encrypt(nistKey, 36, nistTweak, nistPlain),
        "NIST sample 3");
    SplittableRandom random = new SplittableRandom(SEED ^ 0x6565_3636L);
    for (int config = 0; config < 20; config++) {
      byte[] key = bytes(random, 16);
      int[] x = new int[random.nextInt(2, 30)];
      Arrays.setAll(x, k -> random.nextInt(65535));
      assertArrayEquals(
          bouncyCastle(true, key, 65535, key, x),
          TextbookFf1.encrypt(key, 65535, key, x),
          "seed=" + SEED + " textbook check");
    }
    for (int config = 0; config < 200; config++) {
      int length = config < 199 ? random.nextInt(2, 40) : 600;
      byte[] key = bytes(random, KEY_SIZES[random.nextInt(KEY_SIZES.length)]);
      byte[] tweak = bytes(random, random.nextInt(0, 41));
      String where = "seed=" + SEED + " radix65536 config=" + config + " length=" + length;
      int[] x = new int[length];
      for (int k = 0; k < length; k++) {
        x[k] = random.nextInt(65536);
      }
      Ff1 ff1 = Ff1.insecureFromRawKey(key, 65536);
      int[] expected = TextbookFf1.encrypt(key, 65536, tweak, x);
      assertArrayEquals(expected, ff1.encrypt(tweak, x), () -> where + ": encrypt");
      assertArrayEquals(x, ff1.decrypt(tweak, expected), () -> where + ": round trip");
    }
  }

  private static FPEFF1Engine bouncyCastle(boolean encrypt, byte[] key, int radix, byte[] tweak) {
    FPEFF1Engine engine = new FPEFF1Engine();
    engine.init(encrypt, new FPEParameters(new KeyParameter(key), radix, tweak));
    return engine;
  }

  /** Bouncy Castle on numerals: one byte each up to radix 256, else two bytes big-endian. */
  private static int[] bouncyCastle(boolean encrypt, byte[] key, int radix, byte[] tweak, int[] x) {
    FPEFF1Engine engine = bouncyCastle(encrypt, key, radix, tweak);
    int width = radix > 256 ? 2 : 1;
    byte[] in = new byte[x.length * width];
    for (int k = 0; k < x.length; k++) {
      if (width == 2) {
        in[2 * k] = (byte) (x[k] >>> 8);
        in[2 * k + 1] = (byte) x[k];
      } else {
        in[k] = (byte) x[k];
      }
    }
    byte[] out = new byte[in.length];
    engine.processBlock(in, 0, in.length, out, 0);
    int[] y = new int[x.length];
    for (int k = 0; k < y.length; k++) {
      y[k] = width == 2 ? ((out[2 * k] & 0xFF) << 8) | (out[2 * k + 1] & 0xFF) : out[k] & 0xFF;
    }
    return y;
  }

  private static int minLength(int radix) {
    int length = 1;
    long size = radix;
    while (size < 1_000_000) {
      size *= radix;
      length++;
    }
    return length;
  }

  private static byte[] bytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static long pow10(int e) {
    long p = 1;
    for (int i = 0; i < e; i++) {
      p *= 10;
    }
    return p;
  }

  private static byte[] digits(long value, int length) {
    byte[] d = new byte[length];
    for (int k = length - 1; k >= 0; k--) {
      d[k] = (byte) (value % 10);
      value /= 10;
    }
    return d;
  }

  private static long value(byte[] digits) {
    long v = 0;
    for (byte d : digits) {
      v = v * 10 + d;
    }
    return v;
  }

  private static int[] ints(byte[] digits) {
    int[] out = new int[digits.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = digits[k];
    }
    return out;
  }
}
