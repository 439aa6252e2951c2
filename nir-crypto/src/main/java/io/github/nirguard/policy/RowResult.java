package io.github.nirguard.policy;

import java.util.Optional;

/**
 * The outcome of protecting or revealing one row: the output row, or the column and stable reason
 * of its rejection — never a value.
 *
 * <pre>{@code
 * RowResult r = protector.protect(row, n);
 * if (r.isRejected()) report(n, r.column(), r.reason());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RowResult {
  private final String[] row;
  private final String column;
  private final String reason;

  private RowResult(String[] row, String column, String reason) {
    this.row = row;
    this.column = column;
    this.reason = reason;
  }

  static RowResult ok(String[] row) {
    return new RowResult(row, null, null);
  }

  static RowResult rejected(String column, String reason) {
    return new RowResult(null, column, reason);
  }

  /**
   * Returns whether the row was rejected.
   *
   * @return {@code true} if rejected
   */
  public boolean isRejected() {
    return row == null;
  }

  /**
   * Returns the output row.
   *
   * @return the row, or empty if rejected
   */
  public Optional<String[]> row() {
    return Optional.ofNullable(row);
  }

  /**
   * Returns the column that caused the rejection.
   *
   * @return the column name, or null
   */
  public String column() {
    return column;
  }

  /**
   * Returns the stable reason of the rejection (a {@code NirError} name, {@code INVALID_DATE}, …).
   *
   * @return the reason, or null
   */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return row == null ? "RowResult[rejected, " + column + ": " + reason + "]" : "RowResult[ok, " + row.length + " cells]";
  }
}
