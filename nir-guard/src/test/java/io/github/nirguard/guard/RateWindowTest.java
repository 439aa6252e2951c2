package io.github.nirguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sliding windows' bucket arithmetic, at the edges of their buckets. */
class RateWindowTest {
  private static int[] rate() {
    return GuardRecord.empty().rate;
  }

  @Test
  void aMinuteCountsALookupUntilItsBucketIsSixBucketsOld() {
    int[] rate = rate();
    RateWindow.MINUTE.add(rate, 1000); // bucket 100
    RateWindow.MINUTE.add(rate, 1009); // same bucket
    assertEquals(2, RateWindow.MINUTE.count(rate, 1009));
    assertEquals(2, RateWindow.MINUTE.count(rate, 1059)); // bucket 105: still in the window
    assertEquals(0, RateWindow.MINUTE.count(rate, 1060)); // bucket 106: expired
  }

  @Test
  void bucketsExpireOneByOne() {
    int[] rate = rate();
    RateWindow.MINUTE.add(rate, 1000);
    RateWindow.MINUTE.add(rate, 1010);
    RateWindow.MINUTE.add(rate, 1050);
    assertEquals(3, RateWindow.MINUTE.count(rate, 1059));
    assertEquals(2, RateWindow.MINUTE.count(rate, 1060));
    assertEquals(1, RateWindow.MINUTE.count(rate, 1070));
    assertEquals(1, RateWindow.MINUTE.count(rate, 1109));
    assertEquals(0, RateWindow.MINUTE.count(rate, 1110));
  }

  @Test
  void hourAndDayEdges() {
    int[] rate = rate();
    RateWindow.HOUR.add(rate, 3600); // 5-minute bucket 12
    assertEquals(1, RateWindow.HOUR.count(rate, 7199));
    assertEquals(0, RateWindow.HOUR.count(rate, 7200));
    RateWindow.DAY.add(rate, 86_400); // hour 24
    assertEquals(1, RateWindow.DAY.count(rate, 2 * 86_400 - 1));
    assertEquals(0, RateWindow.DAY.count(rate, 2 * 86_400));
  }

  @Test
  void aLongGapEmptiesEveryBucketAndCountingStartsAfresh() {
    int[] rate = rate();
    for (int t = 0; t < 60; t += 5) {
      RateWindow.MINUTE.add(rate, 1_000_000 + t);
    }
    assertEquals(12, RateWindow.MINUTE.count(rate, 1_000_059));
    RateWindow.MINUTE.add(rate, 5_000_000);
    assertEquals(1, RateWindow.MINUTE.count(rate, 5_000_000));
  }

  @Test
  void anEarlierTimeNeitherExpiresNorLosesCounts() {
    int[] rate = rate();
    RateWindow.MINUTE.add(rate, 1000);
    RateWindow.MINUTE.add(rate, 990); // older than the head: counted, nothing expires
    assertEquals(2, RateWindow.MINUTE.count(rate, 500));
    assertEquals(2, RateWindow.MINUTE.count(rate, 1000));
  }

  @Test
  void addAllCountsInEachWindowAndTheWindowsAreIndependent() {
    int[] rate = rate();
    RateWindow.addAll(rate, 10_000);
    RateWindow.addAll(rate, 10_100);
    assertEquals(1, RateWindow.MINUTE.count(rate, 10_100));
    assertEquals(2, RateWindow.HOUR.count(rate, 10_100));
    assertEquals(2, RateWindow.DAY.count(rate, 10_100));
    assertEquals(0, RateWindow.MINUTE.count(rate, 20_000));
    assertEquals(2, RateWindow.DAY.count(rate, 20_000));
  }
}
