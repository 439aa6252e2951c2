package io.github.nirguard.guard;

import java.util.Arrays;

/**
 * The sliding windows of distinct NIRs ({@link Reason#RATE_MINUTE}, {@link Reason#RATE_HOUR},
 * {@link Reason#RATE_DAY}): a ring of time buckets each, in {@link GuardRecord#rate}, with the
 * current bucket number and a running total after the buckets. A window ending now holds the bucket
 * of now and the {@code buckets - 1} before it.
 */
enum RateWindow {
  /** 6 buckets of 10 seconds. */
  MINUTE(0, GuardRecord.MINUTE_OFFSET, GuardRecord.MINUTE_BUCKETS, GuardRecord.MINUTE_SPAN),
  /** 12 buckets of 5 minutes. */
  HOUR(1, GuardRecord.HOUR_OFFSET, GuardRecord.HOUR_BUCKETS, GuardRecord.HOUR_SPAN),
  /** 24 buckets of an hour. */
  DAY(2, GuardRecord.DAY_OFFSET, GuardRecord.DAY_BUCKETS, GuardRecord.DAY_SPAN);

  private static final RateWindow[] ALL = values();

  private final int index;
  private final int offset;
  private final int buckets;
  private final int span;

  RateWindow(int index, int offset, int buckets, int span) {
    this.index = index;
    this.offset = offset;
    this.buckets = buckets;
    this.span = span;
  }

  /** Counts one distinct lookup at {@code now} in every window. */
  static void addAll(int[] rate, long now) {
    for (RateWindow w : ALL) {
      w.add(rate, now);
    }
  }

  /** Counts one lookup at {@code now}. */
  void add(int[] rate, long now) {
    int stamp = advance(rate, now);
    rate[offset + stamp % buckets]++;
    rate[GuardRecord.RATE_TOTAL + index]++;
  }

  /** The count of the window ending now: its running total, after emptying the expired buckets. */
  int count(int[] rate, long now) {
    advance(rate, now);
    return rate[GuardRecord.RATE_TOTAL + index];
  }

  /**
   * Moves the head to the bucket of {@code now}, emptying the buckets it passes. A time within the
   * head's bucket (the common case: the count right after the add of one lookup) costs a
   * multiplication and two comparisons, not a long division; the buckets passed are walked with a
   * wrapping index, not a long remainder per bucket.
   */
  private int advance(int[] rate, long now) {
    int head = rate[GuardRecord.RATE_HEAD + index];
    long start = (long) head * span;
    if (now >= start && now - start < span) {
      return head;
    }
    int stamp = (int) (now / span);
    if (stamp > head) {
      int total = rate[GuardRecord.RATE_TOTAL + index];
      if (stamp - head >= buckets) {
        Arrays.fill(rate, offset, offset + buckets, 0);
        total = 0;
      } else {
        int at = (int) (((long) head + 1) % buckets);
        for (int k = head; k < stamp; k++) {
          total -= rate[offset + at];
          rate[offset + at] = 0;
          at = at + 1 == buckets ? 0 : at + 1;
        }
      }
      rate[GuardRecord.RATE_TOTAL + index] = total;
      rate[GuardRecord.RATE_HEAD + index] = stamp;
    }
    return stamp;
  }
}
