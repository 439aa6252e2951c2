package io.github.nirguard.guard;

/**
 * What the guard learned of an account's usual patients ({@link Reason#OFF_PROFILE}): histograms of
 * departments and decades of birth in {@link GuardRecord#deptHist} and {@link
 * GuardRecord#decadeHist}, halved when they reach {@link #CAP} so that old patients fade.
 */
final class Baseline {
  static final int CAP = 4096;

  private final int unusualPermille;
  private final int minHistory;

  Baseline(int unusualPermille, int minHistory) {
    this.unusualPermille = unusualPermille;
    this.minHistory = minHistory;
  }

  /**
   * Whether a department or a decade makes up less than the unusual share of the learned patients;
   * never before {@code minHistory} patients are learned.
   */
  boolean isUnusual(GuardRecord r, int dept, int decade) {
    int total = r.histTotal;
    return total >= minHistory
        && ((long) r.deptHist[dept] * 1000 < (long) unusualPermille * total
            || (long) r.decadeHist[decade] * 1000 < (long) unusualPermille * total);
  }

  /** Learns a patient. */
  static void learn(GuardRecord r, int dept, int decade) {
    r.deptHist[dept]++;
    r.decadeHist[decade]++;
    if (++r.histTotal >= CAP) {
      int total = 0;
      for (int i = 0; i < GuardRecord.DEPTS; i++) {
        total += r.deptHist[i] >>= 1;
      }
      for (int i = 0; i < GuardRecord.DECADES; i++) {
        r.decadeHist[i] >>= 1;
      }
      r.histTotal = total;
    }
  }

  /** Takes back a learned patient (it was unknown), if the histograms still count it. */
  static void unlearn(GuardRecord r, int dept, int decade) {
    if (r.deptHist[dept] > 0 && r.decadeHist[decade] > 0) {
      r.deptHist[dept]--;
      r.decadeHist[decade]--;
      r.histTotal--;
    }
  }
}
