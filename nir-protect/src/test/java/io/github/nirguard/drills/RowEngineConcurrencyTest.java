package io.github.nirguard.drills;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyRingManager;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.protect.RowProtector;
import io.github.nirguard.protect.RowRevealer;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Records;
import io.github.nirguard.testkit.SyntheticRecord;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import org.junit.jupiter.api.Test;

/**
 * One {@link RowProtector} and one {@link RowRevealer} shared by 8 threads: every row protects to
 * the single-thread cells (the row seal, randomized, is compared by revealing) and reveals to its
 * input.
 */
class RowEngineConcurrencyTest {
  @Test
  void oneProtectorAndOneRevealerShareEightThreads() throws Exception {
    KeyRing ring = KeyRingManager.empty().add("drill", KeyKind.values()).ring();
    long seed = ForAll.seed();
    List<SyntheticRecord> people = Records.synthetic().sample(seed, 1000);
    ProtectionPolicy policy =
        ProtectionPolicy.parse(
            "nirguard-policy 1\npurpose drill\ncolumn nir nir fpe+token\ncolumn name name seal\ncolumn birth birth-date generalize:year\n");
    RowProtector rows = RowProtector.bind(policy, List.of("nir", "name", "birth"), ring);
    RowRevealer back = RowRevealer.bind(policy, rows.outputHeader(), ring);
    String[][] inputs = new String[people.size()][];
    String[][] single = new String[people.size()][];
    for (int i = 0; i < inputs.length; i++) {
      SyntheticRecord r = people.get(i);
      inputs[i] = new String[] {r.nir().compact(), r.lastName(), r.birthDate().toString()};
      single[i] = rows.protect(inputs[i], i + 1).row().orElseThrow();
    }
    int threads = 8;
    Phaser go = new Phaser(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Future<?>[] done = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        int first = t * 131;
        done[t] =
            pool.submit(
                () -> {
                  go.arriveAndAwaitAdvance();
                  for (int k = 0; k < inputs.length; k++) {
                    int i = (first + k) % inputs.length;
                    String[] out = rows.protect(inputs[i], i + 1).row().orElseThrow();
                    int width = out.length - 1; // all but the row seal
                    assertArrayEquals(
                        Arrays.copyOf(single[i], width), Arrays.copyOf(out, width), "seed " + seed);
                    String[] revealed = back.reveal(out, i + 1).row().orElseThrow();
                    assertEquals(inputs[i][0], revealed[0], "seed " + seed);
                    assertEquals(inputs[i][1], revealed[2], "seed " + seed);
                  }
                  return null;
                });
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
