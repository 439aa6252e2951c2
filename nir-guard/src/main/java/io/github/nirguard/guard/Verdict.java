package io.github.nirguard.guard;

/**
 * What the lookup service should do with one query: answer it, answer it late, or refuse it.
 *
 * <pre>{@code
 * switch (guard.check(account, nir, Instant.now()).verdict()) {
 *   case ALLOW -> answer();
 *   case SLOW_DOWN -> answerAfter(decision.delay());
 *   case STEP_UP -> reauthenticateThenRetry();
 *   case DENY -> refuse();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public enum Verdict {
  /** Answer the query. */
  ALLOW,
  /**
   * Answer the query after {@link Decision#delay()}: the traffic looks unusual but not yet like a
   * robot. A tarpit costs a human almost nothing and a robot most of its throughput.
   */
  SLOW_DOWN,
  /**
   * Do not answer yet: ask the caller to re-authenticate the professional (e.g. with their
   * health-professional card), then call {@link EnumerationGuard#stepUp} and check again. The
   * traffic is unlike this principal's history; a human passes, a robot holding stolen passwords
   * cannot. Scoped to the client (or the account) that was asked; {@link Decision#delay()} is how
   * long the requirement lasts if nobody steps up.
   */
  STEP_UP,
  /**
   * Refuse the query. For principal signals the principal stays blocked for the configured block
   * duration ({@link Reason#BLOCKED}); see {@link EnumerationGuard#release}.
   */
  DENY
}
