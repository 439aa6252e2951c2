package io.github.nirguard.csv;

/**
 * What one run did: rows read, written and rejected, values dropped, and the time taken.
 *
 * <pre>{@code
 * CsvSummary s = protector.protect(in, out, report);
 * System.out.println(s.rowsWritten() + " rows in " + s.millis() + " ms");
 * }</pre>
 *
 * @param rowsRead data rows read
 * @param rowsWritten data rows written
 * @param rowsRejected data rows rejected (listed in the report)
 * @param valuesDropped invalid values emptied under {@code on-invalid drop-value} (listed in the
 *     report too; their rows were written)
 * @param delimiter the field delimiter used
 * @param millis elapsed time in milliseconds
 * @param rowsSuppressed data rows left out by the policy's {@code suppress-outliers} (listed in the
 *     report as {@code RISK_SUPPRESSED}; not rejected: the run succeeded)
 * @since 0.1.0
 */
public record CsvSummary(
    long rowsRead,
    long rowsWritten,
    long rowsRejected,
    long valuesDropped,
    char delimiter,
    long millis,
    long rowsSuppressed) {
  /**
   * Returns the rows read per second.
   *
   * @return the throughput
   */
  public double rowsPerSecond() {
    return millis == 0 ? rowsRead * 1000.0 : rowsRead * 1000.0 / millis;
  }
}
