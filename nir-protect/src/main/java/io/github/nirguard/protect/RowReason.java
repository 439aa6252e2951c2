package io.github.nirguard.protect;

/**
 * Why the row engine rejected a row or dropped a value: a stable code, safe to log and to put in a
 * report (never a value).
 *
 * <pre>{@code
 * RowResult r = protector.protect(row, 1);
 * if (r.isRejected() && r.reason() == RowReason.INVALID_NIR) report(r.column(), r.code());   // e.g. KEY_MISMATCH
 * }</pre>
 *
 * @since 0.1.0
 */
public enum RowReason {
  /** A NIR cell is not a NIR under the policy's profile; {@link RowResult#nirError()} says why. */
  /** A NIR is still in clear, after protection, in a cell written from clear text. */
  NIR_IN_CLEAR,
  INVALID_NIR,
  /** A NIR valid only under a lenient or checksum profile, outside the FPE domains. */
  NOT_IN_FPE_DOMAIN,
  /** A birth date that is not {@code YYYY-MM-DD} or {@code DD/MM/YYYY}, or not a calendar date. */
  INVALID_DATE,
  /** A postcode that is not 5 digits. */
  INVALID_POSTCODE,
  /** An INSEE commune code that is not 5 characters (digits, or 2A/2B then digits). */
  INVALID_COMMUNE_CODE,
  /**
   * An age that is not a whole number of years from 0 to 150.
   *
   * @since 0.1.0
   */
  INVALID_AGE,
  /**
   * Not an error: the row was left out by the policy's {@code suppress-outliers} because its
   * equivalence class, after generalisation, holds fewer people than {@code require k}.
   *
   * @since 0.1.0
   */
  RISK_SUPPRESSED,
  /**
   * Reveal: the row seal does not open — the row or one of its cells was altered, moved or copied.
   */
  ROW_SEAL_REFUSED,
  /** Reveal: a row of another export (another run of protect) in this file. */
  OTHER_EXPORT,
  /** Reveal: an FPE cell that is not a ciphertext of this purpose, mode and key. */
  FPE_REFUSED,
  /** Reveal: the keyed token of the revealed NIR differs from the row's token. */
  TOKEN_MISMATCH,
  /** Reveal: a reversible-token cell that is not a token. */
  NOT_A_TOKEN,
  /** Reveal: a reversible token refused by its key (altered, or another key or purpose). */
  TOKEN_REFUSED,
  /**
   * {@code scan:reversible}: the text already holds something shaped like a span token ({@code
   * [nr1.}, in any case), which reveal could not tell from a token.
   *
   * @since 0.1.0
   */
  TOKEN_SHAPED_TEXT
}
