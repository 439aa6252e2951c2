package io.github.nirguard.core;

/**
 * Why a text is not a NIR: a stable reason code, safe to log, store and compare.
 *
 * <p>The constant names are the stable codes (they appear in CLI and CSV output); none of the
 * descriptions ever contains any part of the input.
 *
 * <pre>{@code
 * NirFormatException e = assertThrows(NirFormatException.class, () -> Nir.parse("185057800608436"));
 * e.reason();    // KEY_MISMATCH
 * e.position();  // 13
 * }</pre>
 *
 * @since 0.1.0
 */
public enum NirError {
  /** Nothing but blanks and separators. */
  EMPTY("no characters other than blanks and separators"),
  /** A character that is neither a digit, an accepted separator, nor 2A/2B at indexes 5–6. */
  INVALID_CHARACTER("a character that has no place in a NIR"),
  /** Fewer than 15 significant characters (and not a 13-character body, NNP or MIG). */
  TOO_SHORT("fewer than 15 characters"),
  /** More than 15 significant characters. */
  TOO_LONG("more than 15 characters"),
  /** Exactly 13 characters that form a valid body: the 2-digit key is missing. */
  MISSING_KEY("13 characters: the body without its 2-digit key"),
  /** A 13-character provisional CNAM number (NNP), which is not a NIR. */
  NNP_NOT_NIR("an NNP (provisional CNAM number), not a NIR"),
  /** A 13-character CNAM "migrant de passage" number (MIG), which is not a NIR. */
  MIG_NOT_NIR("a MIG (CNAM migrant number), not a NIR"),
  /** The sex digit is not allowed by the profile. */
  INVALID_SEX("sex digit not allowed"),
  /** The month of birth is {@code 00}, {@code 13}–{@code 19}, or not allowed by the profile. */
  INVALID_MONTH("month of birth not allowed"),
  /** The department of birth does not exist. */
  INVALID_DEPARTMENT("department of birth does not exist"),
  /** The commune code is zero (not allowed by the profile). */
  INVALID_COMMUNE("commune code not allowed"),
  /** The country code of a birth abroad is zero (not allowed by the profile). */
  INVALID_COUNTRY("country code not allowed"),
  /** The order number is {@code 000} (not allowed by the profile). */
  INVALID_ORDER("order number not allowed"),
  /** The key is {@code 00}, {@code 98} or {@code 99}, which no NIR can have. */
  INVALID_KEY("key out of range 01-97"),
  /** The key does not match the body. */
  KEY_MISMATCH("key does not match the body");

  private final String description;

  NirError(String description) {
    this.description = description;
  }

  /**
   * Returns a short English description, with no part of any input in it.
   *
   * @return the description
   */
  public String description() {
    return description;
  }
}
