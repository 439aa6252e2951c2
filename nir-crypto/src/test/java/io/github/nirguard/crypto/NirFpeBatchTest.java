package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link NirFpe#encryptAll} against {@link NirFpe#encrypt(Nir)} one by one, and the pinned outputs.
 */
class NirFpeBatchTest {
  static NirFpe marked;
  static NirFpe valid;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    KeyRing ring = TestKeys.ring("lab-export");
    marked = NirFpe.create(ring, "lab-export");
    valid = NirFpe.create(ring, "lab-export", NirFpe.Mode.FORMAT_VALID);
  }

  static List<String[]> vectors() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    NirFpeBatchTest.class.getResourceAsStream("/vectors/nir-fpe.csv")),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("#") && !line.startsWith("mode,")) {
          rows.add(line.split(",", -1));
        }
      }
    }
    return rows;
  }

  @Test
  void pinnedOutputsOneByOneAndInABatch() throws IOException, GeneralSecurityException {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    List<String[]> rows = vectors();
    assertTrue(rows.size() >= 70, "vectors missing");
    for (NirFpe.Mode mode : NirFpe.Mode.values()) {
      NirFpe fpe = NirFpe.insecureFromRawKey(key, "lab-export", mode);
      List<Nir> batch = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (String[] v : rows) {
        if (!v[0].equals(mode.name())) {
          continue;
        }
        Nir nir = NirProfile.CHECKSUM_ONLY.parse(v[2]);
        if (v[1].isEmpty()) {
          assertEquals(v[3], fpe.encrypt(nir), v[2]);
          assertEquals(nir, fpe.decrypt(v[3]));
          batch.add(nir);
          expected.add(v[3]);
        } else {
          byte[] tweak = v[1].getBytes(StandardCharsets.UTF_8);
          assertEquals(v[3], fpe.encrypt(nir, tweak), v[2]);
          assertEquals(nir, fpe.decrypt(v[3], tweak));
        }
      }
      String[] out = new String[batch.size()];
      fpe.encryptAll(batch.toArray(new Nir[0]), out, out.length);
      assertArrayEquals(expected.toArray(new String[0]), out, mode.name());
    }
  }

  @Test
  void batchEqualsOneByOneOnMixedBlocks() {
    long seed = ForAll.seed();
    SplittableRandom r = new SplittableRandom(seed);
    // strictly valid, never-real, lenient-only (outside the domains) and missing NIRs, in one
    // block,
    // with sizes around the FF1 chunk of 256
    List<Nir> strict = Nirs.valid().sample(seed, 3000);
    List<Nir> neverReal = Nirs.neverReal().sample(seed + 1, 1000);
    List<Nir> lenient = new ArrayList<>();
    for (Leniency l : Leniency.values()) {
      lenient.addAll(Nirs.lenientOnly(l).sample(seed + 2, 40));
    }
    for (int size : new int[] {0, 1, 7, 255, 256, 257, 600, 2000}) {
      Nir[] block = new Nir[size + 3];
      for (int k = 0; k < size; k++) {
        int kind = r.nextInt(20);
        block[k] =
            kind == 0
                ? null
                : kind == 1
                    ? lenient.get(r.nextInt(lenient.size()))
                    : kind < 5
                        ? neverReal.get(r.nextInt(neverReal.size()))
                        : strict.get(r.nextInt(strict.size()));
      }
      for (NirFpe fpe : new NirFpe[] {marked, valid}) {
        String[] out = new String[size + 3];
        out[size] = "untouched";
        fpe.encryptAll(block, out, size);
        assertEquals("untouched", out[size], "only count outputs are written");
        for (int k = 0; k < size; k++) {
          String expected;
          try {
            expected = block[k] == null ? null : fpe.encrypt(block[k]);
          } catch (IllegalArgumentException e) {
            expected = null;
          }
          assertEquals(expected, out[k], "seed " + seed + ", size " + size + ", index " + k);
        }
      }
    }
  }

  @Test
  void lenientOnlyIsNullNotAnException() {
    Nir lenient = Nirs.lenientOnly(Leniency.ZERO_ORDER).sample(3, 1).get(0);
    assertThrows(IllegalArgumentException.class, () -> marked.encrypt(lenient));
    String[] out = {"x", "y"};
    marked.encryptAll(new Nir[] {lenient, Nir.parse("255081416802538")}, out, 2);
    assertNull(out[0]);
    assertEquals(marked.encrypt(Nir.parse("255081416802538")), out[1]);
    assertThrows(
        IndexOutOfBoundsException.class, () -> marked.encryptAll(new Nir[1], new String[1], 2));
    assertThrows(
        IndexOutOfBoundsException.class, () -> marked.encryptAll(new Nir[2], new String[1], 2));
  }
}
