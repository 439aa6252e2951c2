package io.github.nirguard.guard;

/**
 * The last 64 new NIRs of a principal, in {@link GuardRecord#ring}: for each, the 32-bit keyed
 * fingerprint of its birth group, its order number, department and decade, and flags (off-profile,
 * chained, unknown). Pushing a NIR scans the ring once and yields two signals: the chained entries
 * — a NIR continuing an earlier one of its birth group, order numbers at most {@code gap} apart
 * ({@link Reason#SEQUENTIAL}, a walk through the number space) — and the entries sharing the newest
 * one's birth group ({@link Reason#SAME_BIRTH_GROUP}); in {@link GuardRecord#walk}, the entries
 * sharing its birth period and department ({@link Reason#SAME_BIRTH_PERIOD}, a commune or sex walk)
 * and those born one month from an earlier one of the same sex and commune ({@link
 * Reason#BIRTHDATE_WALK}).
 *
 * <p>At the account level the ring also feeds the {@link Baseline}: a NIR is learned once it leaves
 * the breadth window, so a robot's recent lookups never make themselves look usual.
 */
final class RecentNirs {
  private static final int MASK = GuardRecord.RING - 1;
  private static final long PERIOD_MASK = 0xFF_FFFFL;
  private static final long PLACE_MASK = PERIOD_MASK << GuardRecord.PLACE_SHIFT;

  private final int gap;
  private final int breadthWindow;
  private final Baseline baseline;

  RecentNirs(int gap, int breadthWindow, Baseline baseline) {
    this.gap = gap;
    this.breadthWindow = breadthWindow;
    this.baseline = baseline;
  }

  /**
   * Pushes the step's NIR as new and recomputes {@link GuardRecord#chained} and {@link
   * GuardRecord#group}; false if the ring already holds it (a patient the known-patient table
   * forgot), with {@link Step#unusual} set from the ring. At the account level the NIR is judged
   * against the baseline ({@link Step#unusual} set); at a client's, the account's judgement is
   * reused.
   */
  boolean push(GuardRecord r, Step s, boolean account) {
    NirFeatures nir = s.nir;
    long[] ring = r.ring;
    int size = r.ringSize;
    int next = r.ringNext;
    boolean full = size == GuardRecord.RING;
    int group = nir.group();
    int order = nir.order;
    int sameGroup = 1;
    int chained = 0;
    boolean chain = false;
    long[] walks = r.walk;
    long period = nir.period() & PERIOD_MASK;
    long place = (nir.place() & PERIOD_MASK) << GuardRecord.PLACE_SHIFT;
    int month = nir.monthIndex();
    int samePeriod = 1;
    int birthChained = 0;
    boolean birthChain = false;
    for (int i = 0; i < size; i++) {
      if (full && i == next) {
        continue; // the oldest entry, about to be overwritten
      }
      long x = ring[i];
      if ((x & GuardRecord.CHAINED) != 0) {
        chained++;
      }
      long w = walks[i];
      if ((w & GuardRecord.BIRTH_CHAINED) != 0) {
        birthChained++;
      }
      if ((w & PERIOD_MASK) == period) {
        samePeriod++;
      }
      if ((w & PLACE_MASK) == place && month >= 0) {
        int m = (int) (w >>> GuardRecord.MONTH_SHIFT & 0x7FF) - 1;
        if (m >= 0 && Math.abs(m - month) == 1) {
          birthChain = true;
        }
      }
      if ((int) x == group) {
        int d = Math.abs(order(x) - order);
        if (d == 0) {
          s.unusual = (x & GuardRecord.UNUSUAL) != 0;
          return false; // the same NIR, forgotten by the known-patient table: not new after all
        }
        sameGroup++;
        if (d <= gap) {
          chain = true;
        }
      }
    }
    if (account) {
      s.unusual = baseline.isUnusual(r, nir.dept, nir.decade);
    }
    ring[next] =
        (group & 0xFFFF_FFFFL)
            | ((long) order << GuardRecord.ORDER_SHIFT)
            | ((long) nir.dept << GuardRecord.DEPT_SHIFT)
            | ((long) nir.decade << GuardRecord.DECADE_SHIFT)
            | (s.unusual ? GuardRecord.UNUSUAL : 0)
            | (chain ? GuardRecord.CHAINED : 0);
    walks[next] =
        period
            | place
            | ((long) (month + 1) << GuardRecord.MONTH_SHIFT)
            | (birthChain ? GuardRecord.BIRTH_CHAINED : 0);
    r.ringNext = (next + 1) & MASK;
    if (!full) {
      r.ringSize = size + 1;
    }
    if (account && r.ringSize > breadthWindow) {
      long old = ring[(next - breadthWindow) & MASK];
      if ((old & GuardRecord.UNKNOWN) == 0) {
        Baseline.learn(r, dept(old), decade(old));
      }
    }
    r.chained = chained + (chain ? 1 : 0);
    r.group = sameGroup;
    r.samePeriod = samePeriod;
    r.birthChained = birthChained + (birthChain ? 1 : 0);
    return true;
  }

  /**
   * Flags a NIR of the ring as unknown (no patient), and takes it back from the baseline if it was
   * already learned.
   */
  void markUnknown(GuardRecord r, NirFeatures nir) {
    long[] ring = r.ring;
    int group = nir.group();
    for (int i = 0; i < r.ringSize; i++) {
      long x = ring[i];
      if ((int) x == group && order(x) == nir.order && (x & GuardRecord.UNKNOWN) == 0) {
        ring[i] = x | GuardRecord.UNKNOWN;
        int age = (r.ringNext - 1 - i) & MASK;
        if (age >= breadthWindow) {
          Baseline.unlearn(r, nir.dept, nir.decade); // already learned
        }
        return;
      }
    }
  }

  private static int order(long entry) {
    return (int) (entry >>> GuardRecord.ORDER_SHIFT & 0x3FF);
  }

  private static int dept(long entry) {
    return (int) (entry >>> GuardRecord.DEPT_SHIFT) & 0x7F;
  }

  private static int decade(long entry) {
    return (int) (entry >>> GuardRecord.DECADE_SHIFT) & 0xF;
  }
}
