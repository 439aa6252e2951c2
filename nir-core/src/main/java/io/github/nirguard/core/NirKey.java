package io.github.nirguard.core;

/**
 * The NIR control key: {@code 97 − (N mod 97)}, the one definition of that arithmetic in nirguard.
 *
 * <p>{@code N} is the 13-character body read as a decimal number after replacing {@code 2A} by
 * {@code 19} and {@code 2B} by {@code 18} at indexes 5–6 only. The key is always in {@code 1..97}.
 *
 * <pre>{@code
 * int key = NirKey.of(2550814168025L);   // 38
 * boolean ok = NirKey.matches(2550814168025L, 38);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NirKey {
  /** The largest numeric body, exclusive: 13 decimal digits. */
  public static final long BODY_LIMIT = 10_000_000_000_000L;

  private NirKey() {}

  /**
   * Returns the key of a numeric body.
   *
   * @param numericBody the body as a number, Corsica letters already replaced, in {@code [0,
   *     10^13)}
   * @return the key, in {@code 1..97}
   * @throws IllegalArgumentException if the body is out of range
   */
  public static int of(long numericBody) {
    if (numericBody < 0 || numericBody >= BODY_LIMIT) {
      throw new IllegalArgumentException("NIR body out of range (13 digits expected)");
    }
    return 97 - (int) (numericBody % 97);
  }

  /**
   * Returns whether {@code key} is the key of {@code numericBody}.
   *
   * @param numericBody the body as a number, Corsica letters already replaced
   * @param key the two-digit key as read
   * @return {@code true} if it matches
   */
  public static boolean matches(long numericBody, int key) {
    return numericBody >= 0 && numericBody < BODY_LIMIT && key == 97 - (int) (numericBody % 97);
  }
}
