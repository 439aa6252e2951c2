package io.github.nirguard.core;

/**
 * A departure from the strict rules that some sources accept; each is reported as a flag when used.
 *
 * <p>See {@link NirProfile#LENIENT}, which allows them all.
 *
 * <pre>{@code
 * NirProfile p = NirProfile.strictAllowing(Leniency.ZERO_ORDER);
 * }</pre>
 *
 * @since 0.1.0
 */
public enum Leniency {
  /** Sex digit 3 or 4: meaning unconfirmed by official texts. */
  SEX_3_4,
  /** Sex digit 7 or 8: NIR-shaped provisional numbers of the pre-2023 era. */
  SEX_7_8,
  /** Month 43–49: accepted only by the CNAM validation library. */
  MONTH_43_49,
  /** Order number 000: accepted by checksum-only validators. */
  ZERO_ORDER,
  /** Commune 000 (or 00 overseas) or country 000. */
  ZERO_COMMUNE;

  int bit() {
    return 1 << ordinal();
  }
}
