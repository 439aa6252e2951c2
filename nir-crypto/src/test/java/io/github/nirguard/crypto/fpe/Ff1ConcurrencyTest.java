package io.github.nirguard.crypto.fpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One shared {@link Ff1} and {@link Ff1.Domain} used by 8 threads at once. */
class Ff1ConcurrencyTest {

  private static final long SEED = Long.getLong("nirguard.ff1.seed", 8L);
  private static final int THREADS = 8;
  private static final int VALUES = 3_000;
  private static final int PASSES = 5;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void eightThreadsGetTheSingleThreadResults() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    byte[] key = new byte[32];
    random.nextBytes(key);
    byte[] tweak = "lab-export".getBytes(StandardCharsets.UTF_8);
    Ff1 ff1 = Ff1.insecureFromRawKey(key, 10);
    Ff1.Domain domain = ff1.domain(tweak, 13);
    Ff1 base36 = Ff1.insecureFromRawKey(key, 36);

    long[] plain = new long[VALUES];
    for (int i = 0; i < VALUES; i++) {
      plain[i] = random.nextLong(10_000_000_000_000L);
    }
    int[][] numerals = new int[200][];
    for (int i = 0; i < numerals.length; i++) {
      numerals[i] = random.ints(12, 0, 36).toArray();
    }
    // Single-thread expectations, computed before any other thread touches the instances.
    long[] expected = new long[VALUES];
    for (int i = 0; i < VALUES; i++) {
      expected[i] = domain.encrypt(plain[i]);
    }
    int[][] expected36 = new int[numerals.length][];
    for (int i = 0; i < numerals.length; i++) {
      expected36[i] = base36.encrypt(tweak, numerals[i]);
    }

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  long[] batch = new long[VALUES];
                  for (int pass = 0; pass < PASSES; pass++) {
                    String at = "seed=" + SEED + " thread=" + thread + " pass=" + pass;
                    // Each thread walks the values from a different offset.
                    for (int k = 0; k < VALUES; k++) {
                      int i = (k + thread * 397) % VALUES;
                      long c = domain.encrypt(plain[i]);
                      if (c != expected[i] || domain.decrypt(c) != plain[i]) {
                        assertEquals(expected[i], c, at + " i=" + i);
                        assertEquals(plain[i], domain.decrypt(c), at + " i=" + i);
                      }
                    }
                    domain.encrypt(plain, batch, VALUES);
                    assertArrayEquals(expected, batch, at + " batch");
                    domain.decrypt(batch, batch, VALUES);
                    assertArrayEquals(plain, batch, at + " batch decrypt");
                    for (int i = 0; i < numerals.length; i += 1 + thread) {
                      assertArrayEquals(
                          expected36[i],
                          base36.encrypt(tweak, numerals[i]),
                          at + " radix 36 i=" + i);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> result : results) {
        result.get(); // rethrows a failed assertion
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
