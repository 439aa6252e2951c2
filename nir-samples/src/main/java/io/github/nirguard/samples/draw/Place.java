package io.github.nirguard.samples.draw;

import java.util.SplittableRandom;

/**
 * The kinds of place of birth, each drawing strictly valid place fields (5 characters).
 *
 * <pre>{@code
 * String field = Place.OVERSEAS.draw(random);   // e.g. department 974, commune 01-99
 * }</pre>
 *
 * @since 0.1.0
 */
public enum Place {
  /** Department {@code 01}–{@code 96} except {@code 20}, commune {@code 001}–{@code 999}. */
  MAINLAND,
  /** Department {@code 2A} or {@code 2B} (births from 1976), commune {@code 001}–{@code 999}. */
  CORSICA,
  /** Department {@code 20} (Corsica before 1976), commune {@code 001}–{@code 999}. */
  CORSICA_PRE_1976,
  /**
   * Department {@code 971}–{@code 978} or {@code 984}–{@code 988}, commune {@code 01}–{@code 99}.
   */
  OVERSEAS,
  /** {@code 99} then a country code {@code 001}–{@code 999}. */
  ABROAD;

  private static final int[] OVERSEAS_DEPARTMENTS = {
    971, 972, 973, 974, 975, 976, 977, 978, 984, 985, 986, 987, 988
  };

  /**
   * Draws a place field of this kind; numbers lean towards their bounds.
   *
   * @param random the random source
   * @return 5 characters, e.g. department and commune
   */
  public String draw(SplittableRandom random) {
    StringBuilder b = new StringBuilder(5);
    switch (this) {
      case MAINLAND:
        int dept = Draw.between(random, 1, 95);
        Draw.two(b, dept >= 20 ? dept + 1 : dept); // 01-19, 21-96
        Draw.three(b, Draw.between(random, 1, 999));
        break;
      case CORSICA:
        b.append(random.nextBoolean() ? "2A" : "2B");
        Draw.three(b, Draw.between(random, 1, 999));
        break;
      case CORSICA_PRE_1976:
        b.append("20");
        Draw.three(b, Draw.between(random, 1, 999));
        break;
      case OVERSEAS:
        b.append(OVERSEAS_DEPARTMENTS[random.nextInt(OVERSEAS_DEPARTMENTS.length)]);
        Draw.two(b, Draw.between(random, 1, 99));
        break;
      default:
        b.append("99");
        Draw.three(b, Draw.between(random, 1, 999));
        break;
    }
    return b.toString();
  }
}
