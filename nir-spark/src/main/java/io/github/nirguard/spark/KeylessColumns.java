package io.github.nirguard.spark;

import org.apache.spark.sql.Column;

/**
 * The keyless columns of {@link NirFunctions}: validation, normalisation, birth-date generalisation
 * and the scanner's count. Sealed to the chain that ends in {@link NirFunctions}, whose page
 * documents these methods as its own ({@code docs/decisions/0024-spark-functions-by-job.md}).
 */
abstract sealed class KeylessColumns permits ProtectColumns {
  final UdfColumns udfs;

  KeylessColumns(UdfColumns udfs) {
    this.udfs = udfs;
  }

  /**
   * Whether a text is a strictly valid NIR; never null ({@code false} for null).
   *
   * @param text a column of texts (cast to string)
   * @return a BOOLEAN column
   */
  public Column valid(Column text) {
    return valid(text, "strict");
  }

  /**
   * Whether a text is a NIR under a profile.
   *
   * @param text a column of texts
   * @param profile {@code strict}, {@code lenient} or {@code checksum}
   * @return a BOOLEAN column
   * @throws IllegalArgumentException for an unknown profile
   */
  public Column valid(Column text, String profile) {
    return udfs.valid(text, profile);
  }

  /**
   * Why a text is not a strictly valid NIR: a {@link io.github.nirguard.core.NirError} code, null
   * when valid ({@code EMPTY} for null).
   *
   * @param text a column of texts
   * @return a STRING column
   */
  public Column reason(Column text) {
    return reason(text, "strict");
  }

  /**
   * Why a text is not a NIR under a profile.
   *
   * @param text a column of texts
   * @param profile {@code strict}, {@code lenient} or {@code checksum}
   * @return a STRING column
   * @throws IllegalArgumentException for an unknown profile
   */
  public Column reason(Column text, String profile) {
    return udfs.reason(text, profile);
  }

  /**
   * The compact form of a strictly valid NIR ({@code 255081416802538}), null otherwise.
   *
   * @param text a column of texts
   * @return a STRING column
   */
  public Column normalize(Column text) {
    return normalize(text, "strict");
  }

  /**
   * The compact form of a NIR valid under a profile, null otherwise.
   *
   * @param text a column of texts
   * @param profile {@code strict}, {@code lenient} or {@code checksum}
   * @return a STRING column
   * @throws IllegalArgumentException for an unknown profile
   */
  public Column normalize(Column text, String profile) {
    return udfs.normalize(text, profile);
  }

  /**
   * A birth date generalised to its year ({@code "1955"}) or year and month ({@code "1955-08"}), as
   * the policy actions {@code generalize:year} and {@code generalize:year-month} do.
   *
   * @param date a DATE column (a TIMESTAMP is cut to its date), or a STRING column of {@code
   *     YYYY-MM-DD} or {@code DD/MM/YYYY} dates, read as the policy engine reads them
   * @param granularity {@code year} or {@code year-month}
   * @return a STRING column, null for null or unreadable dates
   * @throws IllegalArgumentException for an unknown granularity
   */
  public Column generalizeBirthDate(Column date, String granularity) {
    return udfs.generalizeBirthDate(date, granularity);
  }

  /**
   * How many NIRs a free-text column holds, as {@code nir scan} finds them ({@code
   * NirScanner.standard()}).
   *
   * <pre>{@code
   * notes.where(nir.scanCount(col("comment")).gt(0)).count();   // rows still holding a NIR
   * }</pre>
   *
   * @param text a STRING column
   * @return an INT column, null for null
   */
  public Column scanCount(Column text) {
    return udfs.scanCount(text);
  }
}
