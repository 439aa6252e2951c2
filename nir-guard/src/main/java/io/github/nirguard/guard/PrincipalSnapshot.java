package io.github.nirguard.guard;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the guard currently holds about one principal, in counts: for an operator's "why was this
 * account blocked?" and for monitoring. Immutable; holds no NIR and no principal name.
 *
 * <pre>{@code
 * guard.snapshot(account, Instant.now()).ifPresent(s ->
 *     System.out.println(s.distinctLastHour() + " distinct NIRs in the last hour, blocked until "
 *         + s.blockedUntil().map(Instant::toString).orElse("-")));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PrincipalSnapshot {
  private final long checks;
  private final long failures;
  private final int distinctLastMinute;
  private final int distinctLastHour;
  private final int distinctLastDay;
  private final int recentFailures;
  private final int chained;
  private final int spread;
  private final int unusual;
  private final int history;
  private final @Nullable Instant blockedUntil;
  private final int blockReasons;

  PrincipalSnapshot(
      long checks,
      long failures,
      int distinctLastMinute,
      int distinctLastHour,
      int distinctLastDay,
      int recentFailures,
      int chained,
      int spread,
      int unusual,
      int history,
      @Nullable Instant blockedUntil,
      int blockReasons) {
    this.checks = checks;
    this.failures = failures;
    this.distinctLastMinute = distinctLastMinute;
    this.distinctLastHour = distinctLastHour;
    this.distinctLastDay = distinctLastDay;
    this.recentFailures = recentFailures;
    this.chained = chained;
    this.spread = spread;
    this.unusual = unusual;
    this.history = history;
    this.blockedUntil = blockedUntil;
    this.blockReasons = blockReasons;
  }

  /**
   * Returns the number of calls recorded for this principal (checks of NIRs and of invalid text,
   * including denied ones), since its record was created.
   *
   * @return the count
   */
  public long checks() {
    return checks;
  }

  /**
   * Returns the number of failed lookups (invalid text or unknown NIR) since the record was
   * created.
   *
   * @return the count
   */
  public long failures() {
    return failures;
  }

  /**
   * Returns the distinct NIRs in the last minute (a NIR counts once per UTC day).
   *
   * @return the count
   */
  public int distinctLastMinute() {
    return distinctLastMinute;
  }

  /**
   * Returns the distinct NIRs in the last hour (a NIR counts once per UTC day).
   *
   * @return the count
   */
  public int distinctLastHour() {
    return distinctLastHour;
  }

  /**
   * Returns the distinct NIRs in the last 24 hours (a NIR counts once per UTC day).
   *
   * @return the count
   */
  public int distinctLastDay() {
    return distinctLastDay;
  }

  /**
   * Returns the failed lookups within the failure window (the last lookups).
   *
   * @return the count
   */
  public int recentFailures() {
    return recentFailures;
  }

  /**
   * Returns how many of the last 64 new NIRs continued a sequence (see {@link Reason#SEQUENTIAL}).
   *
   * @return the count
   */
  public int chained() {
    return chained;
  }

  /**
   * Returns the spread of the breadth window ({@link Reason#WIDE_SPREAD}): distinct departments of
   * birth minus the lookups in the most common one, never below zero.
   *
   * @return the spread
   */
  public int spread() {
    return spread;
  }

  /**
   * Returns the off-profile new NIRs in the breadth window ({@link Reason#OFF_PROFILE}).
   *
   * @return the count
   */
  public int unusual() {
    return unusual;
  }

  /**
   * Returns the weight of the learned baseline (new patients learned, decayed); always 0 for a
   * client, whose NIRs are judged against its account's baseline.
   *
   * @return the weight
   */
  public int history() {
    return history;
  }

  /**
   * Returns until when the principal is blocked, if it is.
   *
   * @return the end of the block, or empty
   */
  public Optional<Instant> blockedUntil() {
    return Optional.ofNullable(blockedUntil);
  }

  /**
   * Returns the reasons of the current block; empty if not blocked.
   *
   * @return the reasons
   */
  public Set<Reason> blockReasons() {
    return blockReasons == 0
        ? Set.of()
        : Decision.of(Verdict.DENY, blockReasons, java.time.Duration.ZERO).reasons();
  }

  /**
   * Returns the counts, never a NIR or principal.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "PrincipalSnapshot[checks="
        + checks
        + ", failures="
        + failures
        + ", distinct(min/h/day)="
        + distinctLastMinute
        + "/"
        + distinctLastHour
        + "/"
        + distinctLastDay
        + ", recentFailures="
        + recentFailures
        + ", chained="
        + chained
        + ", spread="
        + spread
        + ", unusual="
        + unusual
        + ", history="
        + history
        + ", blockedUntil="
        + blockedUntil
        + ", blockReasons="
        + blockReasons()
        + "]";
  }
}
