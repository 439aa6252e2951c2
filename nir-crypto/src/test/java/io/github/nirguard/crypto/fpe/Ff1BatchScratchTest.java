package io.github.nirguard.crypto.fpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch paths reuse one thread's scratch arrays across domains: a batch of one domain after a
 * batch of another must still use its own key state, in every order of encrypt and decrypt.
 */
class Ff1BatchScratchTest {
  private static final long SEED = Long.getLong("nirguard.ff1.seed", 20261204L);
  private static final byte[] KEY =
      HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");

  @Test
  void aBatchOfAnotherDomainAfterAFirstBatchUsesItsOwnKeyState() {
    Ff1 ff1 = Ff1.insecureFromRawKey(KEY, 10);
    Ff1.Domain first = ff1.domain("lab-export".getBytes(StandardCharsets.UTF_8), 13);
    Ff1.Domain[] others = {
      ff1.domain("lab-audit".getBytes(StandardCharsets.UTF_8), 13), // another tweak
      ff1.domain("lab-export".getBytes(StandardCharsets.UTF_8), 11), // another length
    };
    SplittableRandom r = new SplittableRandom(SEED);
    long[] warm = new long[300];
    for (int i = 0; i < warm.length; i++) {
      warm[i] = r.nextLong(10_000_000_000_000L);
    }
    for (Ff1.Domain other : others) {
      long limit = other.length() == 13 ? 10_000_000_000_000L : 100_000_000_000L;
      long[] in = new long[300];
      for (int i = 0; i < in.length; i++) {
        in[i] = r.nextLong(limit);
      }
      for (boolean firstEncrypts : new boolean[] {true, false}) {
        for (boolean thenEncrypt : new boolean[] {true, false}) {
          long[] scratch = new long[warm.length];
          if (firstEncrypts) {
            first.encrypt(warm, scratch, warm.length);
          } else {
            first.decrypt(warm, scratch, warm.length);
          }
          long[] out = new long[in.length];
          if (thenEncrypt) {
            other.encrypt(in, out, in.length);
          } else {
            other.decrypt(in, out, in.length);
          }
          for (int i = 0; i < in.length; i++) {
            long expected = thenEncrypt ? other.encrypt(in[i]) : other.decrypt(in[i]);
            assertEquals(
                expected,
                out[i],
                other
                    + (firstEncrypts ? " after an encrypt batch" : " after a decrypt batch")
                    + (thenEncrypt ? ", encrypt" : ", decrypt")
                    + ", value "
                    + i
                    + " (seed "
                    + SEED
                    + ")");
          }
        }
      }
    }
  }
}
