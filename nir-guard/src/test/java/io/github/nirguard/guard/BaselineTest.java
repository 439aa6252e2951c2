package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The learned histograms: the unusual share at its edge, the history needed, halving, unlearning.
 */
class BaselineTest {
  private final Baseline baseline = new Baseline(15, 30); // 1.5 %, 30 patients

  private static GuardRecord learned(int inHome, int elsewhere) {
    GuardRecord r = GuardRecord.empty();
    for (int i = 0; i < inHome; i++) {
      Baseline.learn(r, 69, 5);
    }
    for (int i = 0; i < elsewhere; i++) {
      Baseline.learn(r, 1, 5);
    }
    return r;
  }

  @Test
  void unusualBelowTheShareNotAtIt() {
    GuardRecord r = learned(197, 3); // department 1: exactly 1.5 %
    assertFalse(baseline.isUnusual(r, 1, 5));
    Baseline.learn(r, 69, 5); // now just below
    assertTrue(baseline.isUnusual(r, 1, 5));
    assertTrue(baseline.isUnusual(r, 2, 5)); // never seen
    assertTrue(baseline.isUnusual(r, 69, 7)); // a usual department, an unusual decade
    assertFalse(baseline.isUnusual(r, 69, 5));
  }

  @Test
  void nothingIsUnusualBeforeEnoughHistory() {
    assertFalse(baseline.isUnusual(learned(29, 0), 2, 0));
    assertTrue(baseline.isUnusual(learned(30, 0), 2, 0));
  }

  @Test
  void theHistogramsAreHalvedAtTheCap() {
    GuardRecord r = learned(Baseline.CAP - 1, 0);
    assertEquals(Baseline.CAP - 1, r.histTotal);
    Baseline.learn(r, 1, 3);
    int half = (Baseline.CAP - 1) / 2;
    assertEquals(half, r.deptHist[69]);
    assertEquals(0, r.deptHist[1]); // 1 halved
    assertEquals(half, r.histTotal); // the sum of the halved departments
    assertEquals(half, r.decadeHist[5]);
    assertEquals(0, r.decadeHist[3]);
  }

  @Test
  void unlearningNeverGoesBelowZero() {
    GuardRecord r = learned(1, 0);
    Baseline.unlearn(r, 69, 5);
    assertEquals(0, r.histTotal);
    Baseline.unlearn(r, 69, 5);
    assertEquals(0, r.histTotal);
    assertEquals(0, r.deptHist[69]);
  }
}
