package io.github.nirguard.guard;

/**
 * Hears every decision the guard makes, for operators' metrics: counts by verdict and reason, or an
 * audit of denials. Called on the checking thread after the decision is made, with the decision the
 * guard reached — in observation mode the one it would have enforced. Must be fast, thread-safe and
 * must not throw (an exception is caught and ignored, the check's answer is unaffected). {@link
 * DecisionCounts} is a ready one.
 *
 * <pre>{@code
 * DecisionCounts counts = new DecisionCounts();
 * EnumerationGuard guard = EnumerationGuard.builder().onDecision(counts).build();
 * // later, for a metrics endpoint
 * long denied = counts.count(Verdict.DENY);
 * long sequential = counts.count(Reason.SEQUENTIAL);
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DecisionListener {
  /**
   * Hears a decision (codes only: never a NIR or a principal).
   *
   * @param decision the decision the guard reached
   * @param enforced {@code false} in observation mode, where the caller was answered ALLOW
   */
  void onDecision(Decision decision, boolean enforced);
}
