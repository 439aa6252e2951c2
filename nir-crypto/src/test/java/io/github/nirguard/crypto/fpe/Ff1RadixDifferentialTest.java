package io.github.nirguard.crypto.fpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast path at radixes other than 10 — radix 13 over 11 numerals and radix 5 over 16 ranks the
 * NIR FPE domains with almost no cycle-walking — against Bouncy Castle's FPEFF1Engine.
 */
class Ff1RadixDifferentialTest {
  private static final long SEED = Long.getLong("nirguard.ff1.seed", 0x5241_4449_5813L);

  @ParameterizedTest(name = "radix {0}, {1} numerals")
  @CsvSource({"13,11", "5,16", "2,41", "36,12", "11,12", "17,10", "256,7"})
  void fastAndBatchPathsMatchBouncyCastle(int radix, int length) {
    SplittableRandom random = new SplittableRandom(SEED ^ radix);
    long limit = 1;
    for (int i = 0; i < length; i++) {
      limit *= radix;
    }
    for (int config = 0; config < 40; config++) {
      byte[] key = new byte[new int[] {16, 24, 32}[random.nextInt(3)]];
      byte[] tweak = new byte[random.nextInt(0, 33)];
      random.nextBytes(key);
      random.nextBytes(tweak);
      Ff1.Domain domain = Ff1.insecureFromRawKey(key, radix).domain(tweak, length);
      FPEFF1Engine enc = new FPEFF1Engine();
      enc.init(true, new FPEParameters(new KeyParameter(key), radix, tweak));
      FPEFF1Engine dec = new FPEFF1Engine();
      dec.init(false, new FPEParameters(new KeyParameter(key), radix, tweak));
      long[] plain = new long[50];
      long[] batch = new long[50];
      for (int k = 0; k < plain.length; k++) {
        plain[k] = k == 0 ? 0 : k == 1 ? limit - 1 : random.nextLong(limit);
      }
      domain.encrypt(plain, batch, plain.length);
      for (int k = 0; k < plain.length; k++) {
        String at = "seed=" + SEED + " radix=" + radix + " config=" + config + " value#" + k;
        byte[] out = new byte[length];
        enc.processBlock(numerals(plain[k], radix, length), 0, length, out, 0);
        long expected = value(out, radix);
        assertEquals(expected, domain.encrypt(plain[k]), at);
        assertEquals(expected, batch[k], at);
        dec.processBlock(numerals(expected, radix, length), 0, length, out, 0);
        assertEquals(plain[k], value(out, radix), at + " (Bouncy Castle decrypt)");
        assertEquals(plain[k], domain.decrypt(expected), at);
      }
    }
  }

  @ParameterizedTest(name = "radix {0}, {1} numerals")
  @CsvSource({"10,19", "13,17", "2,64", "65536,4"})
  void theFastPathRefusesWhatDoesNotFitALong(int radix, int length) {
    assertFalse(Ff1.fitsFastPath(radix, length));
    assertThrows(
        IllegalArgumentException.class,
        () -> Ff1.insecureFromRawKey(new byte[16], radix).domain(new byte[0], length));
    assertTrue(Ff1.fitsFastPath(10, 18));
  }

  private static byte[] numerals(long v, int radix, int length) {
    byte[] out = new byte[length];
    for (int i = length - 1; i >= 0; i--) {
      out[i] = (byte) (v % radix);
      v /= radix;
    }
    return out;
  }

  private static long value(byte[] numerals, int radix) {
    long v = 0;
    for (byte b : numerals) {
      v = v * radix + (b & 0xFF);
    }
    return v;
  }
}
