package io.github.nirguard.guard;

/**
 * The two thresholds of one signal: from {@code slowDown} on the guard answers SLOW_DOWN, from
 * {@code deny} on it answers DENY. Immutable; compared by value.
 *
 * <pre>{@code
 * Limit.of(12, 30);      // SLOW_DOWN from 12, DENY from 30
 * Limit.denyAt(5);       // no SLOW_DOWN stage
 * Limit.off();           // the signal never fires
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Limit {
  private static final Limit OFF = new Limit(Integer.MAX_VALUE, Integer.MAX_VALUE);

  private final int slowDown;
  private final int deny;

  private Limit(int slowDown, int deny) {
    this.slowDown = slowDown;
    this.deny = deny;
  }

  /**
   * Returns a limit with both stages.
   *
   * @param slowDown the value from which the signal asks to slow down, at least 1
   * @param deny the value from which the signal denies, at least {@code slowDown}
   * @return the limit
   * @throws IllegalArgumentException if {@code slowDown < 1} or {@code deny < slowDown}
   */
  public static Limit of(int slowDown, int deny) {
    if (slowDown < 1) {
      throw new IllegalArgumentException("slowDown must be at least 1");
    }
    if (deny < slowDown) {
      throw new IllegalArgumentException("deny must be at least slowDown");
    }
    return new Limit(slowDown, deny);
  }

  /**
   * Returns a limit that denies from {@code deny} on, with no SLOW_DOWN stage.
   *
   * @param deny the value from which the signal denies, at least 1
   * @return the limit
   */
  public static Limit denyAt(int deny) {
    return of(deny, deny);
  }

  /**
   * Returns the limit that never fires.
   *
   * @return the disabled limit
   */
  public static Limit off() {
    return OFF;
  }

  /**
   * Returns whether the signal is disabled.
   *
   * @return {@code true} for {@link #off()}
   */
  public boolean isOff() {
    return deny == Integer.MAX_VALUE;
  }

  /**
   * Returns the SLOW_DOWN threshold.
   *
   * @return the threshold ({@link Integer#MAX_VALUE} when off)
   */
  public int slowDown() {
    return slowDown;
  }

  /**
   * Returns the DENY threshold.
   *
   * @return the threshold ({@link Integer#MAX_VALUE} when off)
   */
  public int deny() {
    return deny;
  }

  /** 0 below, 1 at slow-down, 2 at deny. */
  int level(int value) {
    return value >= deny ? 2 : value >= slowDown ? 1 : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Limit && ((Limit) o).slowDown == slowDown && ((Limit) o).deny == deny;
  }

  @Override
  public int hashCode() {
    return slowDown * 31 + deny;
  }

  /**
   * Returns e.g. {@code Limit[slowDown=12, deny=30]} or {@code Limit[off]}.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return isOff() ? "Limit[off]" : "Limit[slowDown=" + slowDown + ", deny=" + deny + "]";
  }
}
