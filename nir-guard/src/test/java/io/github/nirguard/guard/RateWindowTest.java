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

  /**
   * Every window against a plain model (the stamps of every lookup so far), over seeded random
   * times that go forward by a second to two days: same counts after every add and every count.
   */
  @Test
  void theWindowsAgreeWithAListOfEveryLookup() {
    long seed = new java.util.SplittableRandom().nextLong();
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int run = 0; run < 200; run++) {
      int[] rate = new int[GuardRecord.RATE_SLOTS + 6];
      java.util.List<Long> times = new java.util.ArrayList<>();
      long now = 1_772_409_600L + r.nextInt(86_400);
      for (int step = 0; step < 300; step++) {
        int gap = r.nextInt(10);
        now += gap < 6 ? r.nextInt(12) : gap < 9 ? r.nextInt(4_000) : r.nextInt(172_800);
        if (r.nextBoolean()) {
          RateWindow.addAll(rate, now);
          times.add(now);
        }
        long[] spans = {GuardRecord.MINUTE_SPAN, GuardRecord.HOUR_SPAN, GuardRecord.DAY_SPAN};
        int[] buckets = {
          GuardRecord.MINUTE_BUCKETS, GuardRecord.HOUR_BUCKETS, GuardRecord.DAY_BUCKETS
        };
        RateWindow[] windows = {RateWindow.MINUTE, RateWindow.HOUR, RateWindow.DAY};
        for (int w = 0; w < 3; w++) {
          long stamp = now / spans[w];
          long expected = 0;
          for (long t : times) {
            expected += t / spans[w] > stamp - buckets[w] ? 1 : 0;
          }
          assertEquals(
              expected,
              windows[w].count(rate, now),
              windows[w] + " at step " + step + " of run " + run + " (seed " + seed + ")");
        }
      }
    }
  }
}
