package io.github.nirguard.csv;

/**
 * Why a CSV file could not be processed: a stable code, safe to log.
 *
 * <pre>{@code
 * catch (CsvException e) { if (e.error() == CsvError.RAGGED_ROW) ... }
 * }</pre>
 *
 * @since 0.1.0
 */
public enum CsvError {
  /** The file is empty. */
  EMPTY_FILE,
  /** The file has a header but no data row. */
  NO_DATA_ROWS,
  /** A quoted field is never closed. */
  UNBALANCED_QUOTES,
  /** Characters after a closing quote, or a quote inside an unquoted field. */
  MALFORMED_QUOTES,
  /** A row has more or fewer cells than the header. */
  RAGGED_ROW,
  /** The bytes are not valid in the file's charset. */
  INVALID_ENCODING,
  /** A value is invalid and the policy says stop. */
  INVALID_VALUE,
  /** A protected value could not be revealed (wrong key, altered file). */
  REVEAL_REFUSED,
  /** The header does not fit the policy. */
  POLICY_MISMATCH,
  /** A value cannot be written in the output charset (it would come out as {@code ?}). */
  UNENCODABLE_VALUE,
  /**
   * What would be written breaks the policy's {@code require k} or {@code require l} rule: nothing
   * is written.
   *
   * @since 0.1.0
   */
  RISK_RULE_BROKEN
}
