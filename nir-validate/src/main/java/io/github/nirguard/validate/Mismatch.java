package io.github.nirguard.validate;

/**
 * A disagreement between a NIR and the attributes recorded beside it; a stable code, never a value.
 *
 * <pre>{@code
 * Set<Mismatch> m = CrossCheck.of(nir, Sex.MALE, LocalDate.of(1985, 5, 12));
 * m.stream().anyMatch(x -> !x.isWarning());   // a real error?
 * }</pre>
 *
 * @since 0.1.0
 */
public enum Mismatch {
  /** The recorded sex differs from the sex digit. */
  SEX_MISMATCH(false),
  /** The last two digits of the birth year differ from the NIR's year. */
  BIRTH_YEAR_MISMATCH(false),
  /** The birth month differs from the NIR's known or pseudo-fictitious month. */
  BIRTH_MONTH_MISMATCH(false),
  /** Warning: 2A/2B for a birth before 1976 (when Corsica was department 20). */
  CORSICA_LETTER_BEFORE_1976(true),
  /** Warning: department 20 for a birth from 1976 (when Corsica became 2A/2B). */
  CORSICA_20_FROM_1976(true);

  private final boolean warning;

  Mismatch(boolean warning) {
    this.warning = warning;
  }

  /**
   * Returns whether this is only a warning: the NIR cannot prove the century, and old NIRs were not
   * all renumbered.
   *
   * @return {@code true} for a warning
   */
  public boolean isWarning() {
    return warning;
  }
}
