package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The breadth window's running counts: spread, eviction of the oldest entry, off-profile count. */
class BreadthWindowTest {
  private final BreadthWindow eight = new BreadthWindow(8);

  @Test
  void spreadIsDistinctDepartmentsMinusTheMostCommonOne() {
    GuardRecord r = GuardRecord.empty();
    for (int d = 1; d <= 8; d++) {
      eight.add(r, d, false);
    }
    assertEquals(7, r.spread); // 8 departments, the most common one counted once
    eight.add(r, 3, false); // department 1 leaves, 3 twice
    assertEquals(0, r.window[1]);
    assertEquals(7 - 2, r.spread);
  }

  @Test
  void theOldestEntryLeavesAndTheTopCountFollows() {
    GuardRecord r = GuardRecord.empty();
    for (int i = 0; i < 8; i++) {
      eight.add(r, 5, false);
    }
    assertEquals(0, r.spread); // one department: never negative
    assertEquals(8, r.windowTop);
    for (int d = 10; d < 17; d++) {
      eight.add(r, d, false);
    }
    assertEquals(1, r.window[5]);
    assertEquals(1, r.windowTop);
    assertEquals(7, r.spread);
    eight.add(r, 17, false); // the last 5 leaves
    assertEquals(0, r.window[5]);
    assertEquals(8, r.windowDistinct);
    assertEquals(16, r.breadthSize); // the ring keeps 16 entries, the window 8
  }

  @Test
  void offProfileEntriesAreCountedWhileInTheWindow() {
    GuardRecord r = GuardRecord.empty();
    for (int i = 0; i < 3; i++) {
      eight.add(r, 40 + i, true);
    }
    assertEquals(3, r.unusual);
    for (int i = 0; i < 7; i++) {
      eight.add(r, 1, false);
    }
    assertEquals(1, r.unusual); // two of the three have left
    eight.add(r, 1, false);
    assertEquals(0, r.unusual);
  }

  @Test
  void runningCountsEqualARebuildAndAWiderWindowRebuildsFromTheRing() {
    GuardRecord r = GuardRecord.empty();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      eight.add(r, 1 + random.nextInt(12), random.nextInt(5) == 0);
    }
    byte[] window = r.window.clone();
    int distinct = r.windowDistinct;
    int top = r.windowTop;
    int unusual = r.unusual;
    BreadthWindow.rebuild(r, 8);
    assertArrayEquals(window, r.window);
    assertEquals(distinct, r.windowDistinct);
    assertEquals(top, r.windowTop);
    assertEquals(unusual, r.unusual);

    new BreadthWindow(56).add(r, 100, false); // rebuilds over the last 55 entries, then adds
    int sum = 0;
    for (int d = 0; d < GuardRecord.DEPTS; d++) {
      sum += r.window[d];
    }
    assertEquals(56, sum);
    assertEquals(1, r.window[100]);
  }
}
