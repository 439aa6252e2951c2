package io.github.nirguard.guard;

import static io.github.nirguard.guard.TestNirs.nir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nirguard.crypto.Fingerprinter;
import org.junit.jupiter.api.Test;

/** The ring of new NIRs: chains within the gap, birth groups, eviction, learning and unknowns. */
class RecentNirsTest {
  private final Step step = new Step(Fingerprinter.insecureFromRawKey(new byte[32]));
  private final RecentNirs recent = new RecentNirs(8, 48, new Baseline(15, 30));
  private final GuardRecord r = GuardRecord.empty();

  /** Pushes a NIR of birth group {@code commune} (same sex, year, month, department otherwise). */
  private boolean push(int commune, int order) {
    step.nir.set(nir(1, 80, 5, 69, commune, order));
    return recent.push(r, step, true);
  }

  @Test
  void chainsWithinTheGapAndCountsTheBirthGroup() {
    assertTrue(push(100, 10));
    assertEquals(0, r.chained);
    assertEquals(1, r.group);
    assertTrue(push(100, 18)); // 8 apart: chained
    assertEquals(1, r.chained);
    assertEquals(2, r.group);
    assertTrue(push(100, 40)); // 22 from the nearest: same group, no chain
    assertEquals(1, r.chained);
    assertEquals(3, r.group);
    assertTrue(push(101, 41)); // another birth group
    assertEquals(1, r.chained);
    assertEquals(1, r.group);
    assertTrue(push(100, 39)); // next to 40
    assertEquals(2, r.chained);
    assertEquals(4, r.group);
  }

  @Test
  void theSameNirIsNotNewAgain() {
    assertTrue(push(100, 10));
    assertFalse(push(100, 10));
    assertEquals(1, r.ringSize);
  }

  @Test
  void whenTheRingIsFullTheOldestEntryNoLongerCounts() {
    push(100, 10);
    for (int c = 1; c < GuardRecord.RING; c++) {
      push(200 + c, 500);
    }
    assertEquals(GuardRecord.RING, r.ringSize);
    assertTrue(push(100, 11)); // would chain with the oldest entry, which it overwrites
    assertEquals(0, r.chained);
    assertEquals(1, r.group);
    assertTrue(push(100, 10)); // the oldest is gone: new again
  }

  @Test
  void aNirIsLearnedWhenItLeavesTheBreadthWindow() {
    push(100, 10);
    for (int c = 1; c < 48; c++) {
      push(200 + c, 500);
    }
    assertEquals(0, r.histTotal); // 48 in the window, none learned
    push(300, 500);
    assertEquals(1, r.histTotal); // the first left the window
    assertEquals(1, r.deptHist[69]);
  }

  @Test
  void anUnknownNirIsTakenBackOrNeverLearned() {
    push(100, 10);
    push(101, 10);
    recent.markUnknown(r, step.nir); // 101 is unknown, still in the window
    for (int c = 1; c <= 48; c++) {
      push(200 + c, 500);
    }
    assertEquals(1, r.histTotal); // 100 learned, 101 not
    step.nir.set(nir(1, 80, 5, 69, 100, 10));
    recent.markUnknown(r, step.nir); // learned already: taken back
    assertEquals(0, r.histTotal);
    recent.markUnknown(r, step.nir); // flagged once only
    assertEquals(0, r.histTotal);
    assertEquals(0, r.deptHist[69]);
  }

  @Test
  void theAccountJudgesAndTheClientReusesTheJudgement() {
    for (int c = 0; c < 200; c++) {
      Baseline.learn(r, 69, 8); // an account of department 69, births of the 1980s
    }
    step.nir.set(nir(1, 80, 5, 13, 100, 10)); // department 13: unusual
    assertTrue(recent.push(r, step, true));
    assertTrue(step.unusual);
    assertTrue((r.ring[0] & GuardRecord.UNUSUAL) != 0);
    GuardRecord client = GuardRecord.empty();
    step.unusual = false; // as if the account had judged it usual
    assertTrue(recent.push(client, step, false));
    assertEquals(0, client.ring[0] & GuardRecord.UNUSUAL);
  }
}
