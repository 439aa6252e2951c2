package io.github.nirguard.guard;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The guard's answer for one query: a {@link Verdict}, the {@link Reason}s behind it and a
 * suggested delay. Immutable; compared by value; {@link #toString()} holds codes only, never a NIR
 * or a principal.
 *
 * <pre>{@code
 * Decision d = guard.check(account, nir, Instant.now());
 * if (d.verdict() == Verdict.DENY) {
 *   return tooManyRequests(d.delay());        // Retry-After
 * }
 * if (d.verdict() == Verdict.SLOW_DOWN) {
 *   Thread.sleep(d.delay().toMillis());        // or schedule the answer later
 * }
 * return lookup(nir);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Decision {
  private static final Decision ALLOW = new Decision(Verdict.ALLOW, 0, Duration.ZERO);
  private static final Reason[] REASONS = Reason.values();

  private final Verdict verdict;
  private final int reasonBits;
  private final Duration delay;

  private Decision(Verdict verdict, int reasonBits, Duration delay) {
    this.verdict = verdict;
    this.reasonBits = reasonBits;
    this.delay = delay;
  }

  /**
   * Returns the decision to answer, with no reason and no delay (one shared instance).
   *
   * @return the plain ALLOW decision
   */
  public static Decision allow() {
    return ALLOW;
  }

  /**
   * Returns a decision.
   *
   * <pre>{@code
   * Decision.of(Verdict.SLOW_DOWN, Set.of(Reason.RATE_MINUTE), Duration.ofSeconds(3));
   * }</pre>
   *
   * @param verdict the verdict
   * @param reasons the reasons (copied); empty only for ALLOW
   * @param delay how long to wait before answering (SLOW_DOWN) or before retrying (DENY); zero for
   *     ALLOW, never negative
   * @return the decision
   * @throws IllegalArgumentException if a SLOW_DOWN or DENY has no reason, or the delay is negative
   */
  public static Decision of(Verdict verdict, Set<Reason> reasons, Duration delay) {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reasons, "reasons");
    Objects.requireNonNull(delay, "delay");
    int bits = 0;
    for (Reason r : reasons) {
      bits |= Objects.requireNonNull(r, "reason").bit();
    }
    return of(verdict, bits, delay);
  }

  static Decision of(Verdict verdict, int bits, Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    if (verdict != Verdict.ALLOW && bits == 0) {
      throw new IllegalArgumentException(verdict + " needs at least one reason");
    }
    if (verdict == Verdict.ALLOW && bits == 0 && delay.isZero()) {
      return ALLOW;
    }
    return new Decision(verdict, bits, delay);
  }

  /**
   * Returns the verdict.
   *
   * @return ALLOW, SLOW_DOWN, STEP_UP or DENY
   */
  public Verdict verdict() {
    return verdict;
  }

  /**
   * Returns whether the service may answer (ALLOW or SLOW_DOWN).
   *
   * @return {@code false} for DENY and STEP_UP
   */
  public boolean answerable() {
    return verdict == Verdict.ALLOW || verdict == Verdict.SLOW_DOWN;
  }

  /**
   * Returns the reasons, in declaration order; empty for a plain ALLOW.
   *
   * @return an unmodifiable set
   */
  public Set<Reason> reasons() {
    if (reasonBits == 0) {
      return Collections.emptySet();
    }
    EnumSet<Reason> set = EnumSet.noneOf(Reason.class);
    for (Reason r : REASONS) {
      if ((reasonBits & r.bit()) != 0) {
        set.add(r);
      }
    }
    return Collections.unmodifiableSet(set);
  }

  /**
   * Returns whether a reason is among this decision's reasons; allocation-free.
   *
   * @param reason a reason
   * @return {@code true} if present
   */
  public boolean has(Reason reason) {
    return (reasonBits & reason.bit()) != 0;
  }

  /**
   * Returns the suggested delay: how long to hold the answer (SLOW_DOWN), how long until the
   * principal may retry (DENY, e.g. for a {@code Retry-After} header), zero for ALLOW.
   *
   * @return the delay, never negative
   */
  public Duration delay() {
    return delay;
  }

  int reasonBits() {
    return reasonBits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decision
        && ((Decision) o).verdict == verdict
        && ((Decision) o).reasonBits == reasonBits
        && ((Decision) o).delay.equals(delay);
  }

  @Override
  public int hashCode() {
    return (verdict.hashCode() * 31 + reasonBits) * 31 + delay.hashCode();
  }

  /**
   * Returns verdict, reason codes and delay, e.g. {@code Decision[DENY, reasons=[SEQUENTIAL],
   * delay=PT24H]}.
   *
   * @return a description without personal data
   */
  @Override
  public String toString() {
    return "Decision[" + verdict + ", reasons=" + reasons() + ", delay=" + delay + "]";
  }
}
