package io.github.nirguard.guard;

import java.util.Arrays;

/**
 * The latest distinct lookups of a principal, new or returning patients ({@link
 * Reason#WIDE_SPREAD}, {@link Reason#OFF_PROFILE}): a ring of 64 entries in {@link
 * GuardRecord#breadth} (department bucket in bits 0-6, bit 7 set when off-profile), of which the
 * latest {@code size} make the window. The window's counts ({@link GuardRecord#window}: per
 * department, then how many departments have each count) are kept up to date as entries come and
 * leave, so the spread — distinct departments minus the count of the most common one — costs no
 * scan.
 */
final class BreadthWindow {
  private static final int MASK = GuardRecord.RING - 1;

  private final int size;

  BreadthWindow(int size) {
    this.size = size;
  }

  /** Adds a lookup and updates {@link GuardRecord#spread} and {@link GuardRecord#unusual}. */
  void add(GuardRecord r, int dept, boolean unusual) {
    byte[] ring = r.breadth;
    if (r.windowSize != size) {
      rebuild(r, size);
    }
    int next = r.breadthNext;
    if (r.breadthSize >= size) {
      remove(r, ring[(next - size) & MASK]); // leaves the window
    }
    byte entry = (byte) (dept | (unusual ? 0x80 : 0));
    ring[next] = entry;
    r.breadthNext = (next + 1) & MASK;
    if (r.breadthSize < GuardRecord.RING) {
      r.breadthSize++;
    }
    add(r, entry);
    r.spread = Math.max(0, r.windowDistinct - r.windowTop);
  }

  /** Recomputes the window's counts from the ring (after a change of window or a read). */
  static void rebuild(GuardRecord r, int w) {
    Arrays.fill(r.window, (byte) 0);
    r.windowDistinct = 0;
    r.windowTop = 0;
    r.unusual = 0;
    r.windowSize = w;
    int n = Math.min(w, r.breadthSize);
    for (int k = 0, i = (r.breadthNext - 1) & MASK; k < n; k++, i = (i - 1) & MASK) {
      add(r, r.breadth[i]);
    }
  }

  private static void add(GuardRecord r, byte entry) {
    byte[] win = r.window;
    int d = entry & 0x7F;
    int old = win[d];
    win[d] = (byte) (old + 1);
    if (old == 0) {
      r.windowDistinct++;
    } else {
      win[GuardRecord.DEPTS + old]--;
    }
    win[GuardRecord.DEPTS + old + 1]++;
    if (old + 1 > r.windowTop) {
      r.windowTop = old + 1;
    }
    if (entry < 0) {
      r.unusual++;
    }
  }

  private static void remove(GuardRecord r, byte entry) {
    byte[] win = r.window;
    int d = entry & 0x7F;
    int old = win[d];
    if (old == 0) {
      return; // not in the window (cannot happen with a consistent record)
    }
    win[d] = (byte) (old - 1);
    win[GuardRecord.DEPTS + old]--;
    if (old == 1) {
      r.windowDistinct--;
    } else {
      win[GuardRecord.DEPTS + old - 1]++;
    }
    if (old == r.windowTop && win[GuardRecord.DEPTS + old] == 0) {
      r.windowTop = old - 1;
    }
    if (entry < 0) {
      r.unusual--;
    }
  }
}
