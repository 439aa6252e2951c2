package io.github.nirguard.risk;

import java.util.Arrays;

/**
 * The distinct values of one sensitive column in each class, for distinct l-diversity: the value
 * dictionary-encoded, each (class, value) pair kept once in an open-addressing set of longs, and a
 * count of distinct values per class. Memory grows with the distinct (class, value) pairs, never
 * with the rows.
 */
final class Diversity {
  private final ClassTable.Dictionary values = new ClassTable.Dictionary();
  private long[] pairs = new long[1024]; // (class << 32 | code) + 1, 0 = empty
  private int size;
  private int[] distinct = new int[1024]; // per class id

  /** Counts a value in a class. */
  void add(int cls, String value) {
    long key = (((long) cls << 32) | values.code(value)) + 1;
    int mask = pairs.length - 1;
    int i = (int) Hash128.mix(key) & mask;
    while (true) {
      long p = pairs[i];
      if (p == 0) {
        break;
      }
      if (p == key) {
        return;
      }
      i = (i + 1) & mask;
    }
    pairs[i] = key;
    if (cls >= distinct.length) {
      distinct = Arrays.copyOf(distinct, Math.max(cls + 1, distinct.length * 2));
    }
    distinct[cls]++;
    if (++size * 2 > pairs.length) {
      grow();
    }
  }

  private void grow() {
    long[] old = pairs;
    pairs = new long[old.length * 2];
    int mask = pairs.length - 1;
    for (long p : old) {
      if (p != 0) {
        int i = (int) Hash128.mix(p) & mask;
        while (pairs[i] != 0) {
          i = (i + 1) & mask;
        }
        pairs[i] = p;
      }
    }
  }

  /** The fewest distinct values of any of the classes {@code 0 .. classes - 1}, 0 if none. */
  long least(int classes) {
    long min = classes == 0 ? 0 : Long.MAX_VALUE;
    for (int c = 0; c < classes; c++) {
      min = Math.min(min, c < distinct.length ? distinct[c] : 0);
    }
    return min;
  }

  @Override
  public String toString() {
    return "Diversity[" + size + " (class, value) pairs]";
  }
}
