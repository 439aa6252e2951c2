package io.github.nirguard.core;

/**
 * The sex encoded by the first digit of a NIR.
 *
 * <pre>{@code
 * Nir.parse("2 55 08 14 168 025 38").sex();   // FEMALE
 * }</pre>
 *
 * @since 0.1.0
 */
public enum Sex {
  /** Digit 1 (or 7 for a provisional number). */
  MALE,
  /** Digit 2 (or 8 for a provisional number). */
  FEMALE,
  /** Any other digit, whose meaning no official text confirms. */
  UNSPECIFIED;

  /**
   * Returns the sex a NIR's first digit encodes.
   *
   * @param digit the first digit, 0–9
   * @return the sex
   */
  public static Sex ofDigit(int digit) {
    switch (digit) {
      case 1:
      case 7:
        return MALE;
      case 2:
      case 8:
        return FEMALE;
      default:
        return UNSPECIFIED;
    }
  }
}
