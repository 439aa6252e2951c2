package io.github.nirguard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.core.BirthMonth;
import io.github.nirguard.core.Leniency;
import io.github.nirguard.core.Nir;
import io.github.nirguard.core.NirProfile;
import io.github.nirguard.crypto.internal.NirRank;
import io.github.nirguard.testkit.ForAll;
import io.github.nirguard.testkit.Nirs;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NirFpeTest {
  static KeyRing ring;
  static NirFpe marked;
  static NirFpe valid;
  static NirFpe otherPurpose;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    ring = TestKeys.ring("lab-export", "lab-audit");
    marked = NirFpe.create(ring, "lab-export");
    valid = NirFpe.create(ring, "lab-export", NirFpe.Mode.FORMAT_VALID);
    otherPurpose = NirFpe.create(ring, "lab-audit");
  }

  @Test
  void markedIsTheDefault() {
    assertEquals(NirFpe.Mode.MARKED, marked.mode());
  }

  @Test
  void rankIsABijectionOnStrictlyValidBodies() {
    assertEquals(100_188, NirRank.PLACES);
    assertEquals(2L * 100 * 85 * 100_188 * 999, NirRank.STRICT.size());
    assertEquals(2L * 100 * 7 * 100_188 * 999, NirRank.NEVER_REAL.size());
    long seed = ForAll.seed();
    SplittableRandom r = new SplittableRandom(seed);
    for (NirRank domain : NirRank.values()) {
      long space = pow(domain.radix(), domain.digits());
      assertTrue(
          domain.size() <= space && space < domain.size() * 11 / 10, "at most 10 % cycle-walking");
      for (int i = 0; i < ForAll.size() * 2; i++) {
        long rank = r.nextLong(domain.size());
        Nir nir = domain.unrank(rank);
        assertEquals(rank, domain.rank(nir), "seed " + seed + " case " + i);
        assertEquals(domain, NirRank.of(nir));
        assertEquals(domain == NirRank.STRICT, NirProfile.STRICT.test(nir.compact()));
      }
      assertEquals(0, domain.rank(domain.unrank(0)));
      assertEquals(domain.size() - 1, domain.rank(domain.unrank(domain.size() - 1)));
    }
    ForAll.check(
        "rank(nir) is in range and unranks back",
        Nirs.valid(),
        nir -> {
          long rank = NirRank.STRICT.rank(nir);
          assertTrue(rank >= 0 && rank < NirRank.STRICT.size());
          assertEquals(nir, NirRank.STRICT.unrank(rank));
        });
  }

  @Test
  void roundTripInBothModesOnEveryCategory() {
    for (Nirs.Category c : Nirs.Category.values()) {
      for (BirthMonth.Kind k :
          new BirthMonth.Kind[] {
            BirthMonth.Kind.KNOWN, BirthMonth.Kind.PSEUDO_FICTITIOUS, BirthMonth.Kind.UNKNOWN
          }) {
        ForAll.check(
            "fpe round trip " + c + " " + k,
            Math.max(100, ForAll.size() / 10),
            ForAll.seed(),
            Nirs.valid(c, k),
            nir -> {
              try {
                String m = marked.encrypt(nir);
                String v = valid.encrypt(nir);
                assertEquals(15, m.length());
                assertEquals(15, v.length());
                assertEquals(nir, marked.decrypt(m));
                assertEquals(nir, valid.decrypt(v));
                assertEquals(m, marked.encrypt(nir), "deterministic");
              } catch (GeneralSecurityException e) {
                throw new AssertionError("decrypt failed", e);
              }
            });
      }
    }
  }

  @Test
  void neverRealEncryptsToNeverReal() {
    ForAll.check(
        "never-real stays never-real",
        Nirs.neverReal(),
        nir -> {
          try {
            for (NirFpe f : new NirFpe[] {marked, valid}) {
              String c = f.encrypt(nir);
              assertFalse(NirProfile.STRICT.test(c));
              int month = Integer.parseInt(c.substring(3, 5));
              assertTrue(month >= 13 && month <= 19);
              assertEquals(nir, f.decrypt(c));
            }
          } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
          }
        });
  }

  private static long pow(int radix, int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= radix;
    }
    return p;
  }

  @Test
  void modeGuarantees() {
    ForAll.check(
        "marked never validates, format-valid always does",
        Nirs.valid(),
        nir -> {
          String m = marked.encrypt(nir);
          assertFalse(NirProfile.STRICT.test(m));
          assertFalse(NirProfile.LENIENT.test(m));
          assertFalse(NirProfile.CHECKSUM_ONLY.test(m));
          assertTrue(NirProfile.STRICT.test(valid.encrypt(nir)));
        });
  }

  @Test
  void purposeAndRecordTweakChangeTheOutput() {
    byte[] row1 = "row-1".getBytes(StandardCharsets.UTF_8);
    byte[] row2 = "row-2".getBytes(StandardCharsets.UTF_8);
    int[] same = new int[3];
    ForAll.check(
        "purpose and tweak sensitivity",
        Nirs.valid(),
        nir -> {
          if (marked.encrypt(nir).equals(otherPurpose.encrypt(nir))) {
            same[0]++;
          }
          String t1 = marked.encrypt(nir, row1);
          if (t1.equals(marked.encrypt(nir, row2))) {
            same[1]++;
          }
          if (t1.equals(marked.encrypt(nir))) {
            same[2]++;
          }
          try {
            assertEquals(nir, marked.decrypt(t1, row1));
          } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
          }
        });
    // a random permutation of 1.7e12 values maps a NIR to the same output with negligible
    // probability
    assertEquals(0, same[0]);
    assertEquals(0, same[1]);
    assertEquals(0, same[2]);
  }

  @Test
  void refusesWhatItCannotTake() {
    Nir lenient = Nirs.lenientOnly(Leniency.SEX_7_8).sample(1, 1).get(0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> marked.encrypt(lenient));
    assertFalse(e.getMessage().contains(lenient.compact()));
    assertThrows(
        GeneralSecurityException.class,
        () -> marked.decrypt("255081416802538")); // a real key: not marked
    assertThrows(GeneralSecurityException.class, () -> valid.decrypt("185057800608436"));
    assertThrows(GeneralSecurityException.class, () -> marked.decrypt("12345"));
    assertFalse(marked.toString().contains("key=" + "0000000"));
  }

  @Test
  void wrongKeyGivesAnotherNirNotTheRightOne() throws GeneralSecurityException {
    NirFpe foreign = NirFpe.create(TestKeys.ring("lab-export"), "lab-export");
    Nir nir = Nir.parse("255081416802538");
    String m = marked.encrypt(nir);
    // no integrity in FPE: decryption "works" but cannot give the right NIR back
    assertNotEquals(nir, foreign.decrypt(m));
  }
}
