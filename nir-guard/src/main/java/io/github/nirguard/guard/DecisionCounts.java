package io.github.nirguard.guard;

import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link DecisionListener} that counts decisions by verdict and by reason (a decision with two
 * reasons counts once for each). Thread-safe, allocation-free per decision.
 *
 * <pre>{@code
 * DecisionCounts counts = new DecisionCounts();
 * EnumerationGuard guard = EnumerationGuard.builder().onDecision(counts).observeOnly(true).build();
 * // after a day of real traffic, before enforcing:
 * System.out.println(counts);   // DecisionCounts[ALLOW=..., SLOW_DOWN=..., DENY=..., OFF_PROFILE=...]
 * }</pre>
 *
 * @since 0.1.0
 */
public final class DecisionCounts implements DecisionListener {
  private static final Verdict[] VERDICTS = Verdict.values();
  private static final Reason[] REASONS = Reason.values();

  private final LongAdder[] verdicts = adders(VERDICTS.length);
  private final LongAdder[] reasons = adders(REASONS.length);

  /** Creates counts at zero. */
  public DecisionCounts() {}

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  @Override
  public void onDecision(Decision decision, boolean enforced) {
    verdicts[decision.verdict().ordinal()].increment();
    int bits = decision.reasonBits();
    while (bits != 0) {
      int i = Integer.numberOfTrailingZeros(bits);
      reasons[i].increment();
      bits &= bits - 1;
    }
  }

  /**
   * Returns how many decisions had a verdict.
   *
   * @param verdict the verdict
   * @return the count so far
   */
  public long count(Verdict verdict) {
    return verdicts[verdict.ordinal()].sum();
  }

  /**
   * Returns how many decisions carried a reason.
   *
   * @param reason the reason
   * @return the count so far
   */
  public long count(Reason reason) {
    return reasons[reason.ordinal()].sum();
  }

  /**
   * Returns the nonzero counts, verdicts then reasons, e.g. {@code DecisionCounts[ALLOW=98, DENY=2,
   * SEQUENTIAL=2]}.
   *
   * @return counts only
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("DecisionCounts[");
    String sep = "";
    for (Verdict v : VERDICTS) {
      long n = count(v);
      if (n > 0) {
        b.append(sep).append(v).append('=').append(n);
        sep = ", ";
      }
    }
    for (Reason r : REASONS) {
      long n = count(r);
      if (n > 0) {
        b.append(sep).append(r).append('=').append(n);
        sep = ", ";
      }
    }
    return b.append(']').toString();
  }
}
