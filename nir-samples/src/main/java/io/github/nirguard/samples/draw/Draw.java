package io.github.nirguard.samples.draw;

import java.util.SplittableRandom;

/**
 * Random draws leaning towards bounds, and the digits of NIR fields.
 *
 * <pre>{@code
 * int commune = Draw.between(random, 1, 999);   // 1 and 999 a little more often
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Draw {
  private Draw() {}

  /**
   * Returns an int in [lo, hi], each bound drawn with probability 1/16, the rest uniformly.
   *
   * @param random the random source
   * @param lo the lower bound
   * @param hi the upper bound
   * @return the value
   */
  public static int between(SplittableRandom random, int lo, int hi) {
    int r = random.nextInt(16);
    if (r == 0) {
      return lo;
    }
    if (r == 1) {
      return hi;
    }
    return lo + random.nextInt(hi - lo + 1);
  }

  /**
   * Returns one of the values, uniformly.
   *
   * @param <T> the type of the values
   * @param random the random source
   * @param values the values (at least one)
   * @return the value
   */
  @SafeVarargs
  public static <T> T pick(SplittableRandom random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /**
   * Returns one of the ints, uniformly.
   *
   * @param random the random source
   * @param values the values (at least one)
   * @return the value
   */
  public static int pickInt(SplittableRandom random, int... values) {
    return values[random.nextInt(values.length)];
  }

  /**
   * Appends {@code v} (0–99) as two digits.
   *
   * @param b where to append
   * @param v the value
   */
  public static void two(StringBuilder b, int v) {
    b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /**
   * Appends {@code v} (0–999) as three digits.
   *
   * @param b where to append
   * @param v the value
   */
  public static void three(StringBuilder b, int v) {
    b.append((char) ('0' + v / 100))
        .append((char) ('0' + v / 10 % 10))
        .append((char) ('0' + v % 10));
  }

  /**
   * Returns the 13 characters of a NIR body: sex, year, month, place (5 characters), order.
   *
   * @param sex the sex digit
   * @param year the year field, 0–99
   * @param month the month field, 0–99
   * @param place the place field, 5 characters
   * @param order the order field, 0–999
   * @return the body, without key
   */
  public static String body(int sex, int year, int month, String place, int order) {
    StringBuilder b = new StringBuilder(15);
    b.append((char) ('0' + sex));
    two(b, year);
    two(b, month);
    b.append(place);
    three(b, order);
    return b.toString();
  }
}
