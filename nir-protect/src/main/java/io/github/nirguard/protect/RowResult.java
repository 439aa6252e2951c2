package io.github.nirguard.protect;

import io.github.nirguard.core.NirError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of protecting or revealing one row: the output row, or the column and stable reason
 * of its rejection — never a value — and, under {@code on-invalid drop-value}, the values dropped.
 *
 * <pre>{@code
 * RowResult r = protector.protect(row, n);
 * if (r.isRejected()) report(n, r.column(), r.code());       // e.g. nir, KEY_MISMATCH
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RowResult {
  /**
   * A value emptied under {@code on-invalid drop-value}: its column and why.
   *
   * <pre>{@code
   * for (RowResult.Dropped d : result.dropped()) report(line, d.column(), d.code());
   * }</pre>
   *
   * @since 0.1.0
   */
  public static final class Dropped {
    private final String column;
    private final RowReason reason;
    private final @Nullable NirError nirError;

    Dropped(String column, RowReason reason, @Nullable NirError nirError) {
      this.column = column;
      this.reason = reason;
      this.nirError = nirError;
    }

    /**
     * Returns the column (its name in the policy).
     *
     * @return the column
     */
    public String column() {
      return column;
    }

    /**
     * Returns why the value was dropped.
     *
     * @return the reason
     */
    public RowReason reason() {
      return reason;
    }

    /**
     * Returns the report code: the {@link NirError} name for an invalid NIR, else the reason's
     * name.
     *
     * @return e.g. {@code KEY_MISMATCH} or {@code INVALID_DATE}
     */
    public String code() {
      return nirError != null ? nirError.name() : reason.name();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Dropped
          && ((Dropped) o).column.equals(column)
          && ((Dropped) o).reason == reason
          && ((Dropped) o).nirError == nirError;
    }

    @Override
    public int hashCode() {
      return Objects.hash(column, reason, nirError);
    }

    @Override
    public String toString() {
      return "Dropped[" + column + ": " + code() + "]";
    }
  }

  private final String @Nullable [] row;
  private final @Nullable String column;
  private final @Nullable RowReason reason;
  private final @Nullable NirError nirError;
  private final List<Dropped> dropped;

  private RowResult(
      String @Nullable [] row,
      @Nullable String column,
      @Nullable RowReason reason,
      @Nullable NirError nirError,
      List<Dropped> dropped) {
    this.row = row;
    this.column = column;
    this.reason = reason;
    this.nirError = nirError;
    this.dropped = dropped;
  }

  static RowResult ok(String[] row, @Nullable List<Dropped> dropped) {
    return new RowResult(row, null, null, null, dropped == null ? List.of() : List.copyOf(dropped));
  }

  static RowResult rejected(String column, RowReason reason, @Nullable NirError nirError) {
    return new RowResult(null, column, reason, nirError, List.of());
  }

  static RowResult rejected(String column, RowReason reason) {
    return rejected(column, reason, null);
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
   * Returns the column that caused the rejection (its name in the policy, or {@code _sealed}).
   *
   * @return the column name, or empty if the row was not rejected
   */
  public Optional<String> rejectedColumn() {
    return Optional.ofNullable(column);
  }

  /**
   * Returns the column that caused the rejection, for a rejected row.
   *
   * @return the column name
   * @throws IllegalStateException if the row was not rejected
   */
  public String column() {
    return rejectedOnly(column);
  }

  /**
   * Returns why the row was rejected.
   *
   * @return the reason
   * @throws IllegalStateException if the row was not rejected
   */
  public RowReason reason() {
    return rejectedOnly(reason);
  }

  /**
   * Returns why the NIR was invalid, when the reason is {@link RowReason#INVALID_NIR}.
   *
   * @return the NIR error, or empty
   */
  public Optional<NirError> nirError() {
    return Optional.ofNullable(nirError);
  }

  /**
   * Returns the stable report code of the rejection: the {@link NirError} name for an invalid NIR
   * (e.g. {@code KEY_MISMATCH}), else the reason's name.
   *
   * @return the code
   * @throws IllegalStateException if the row was not rejected
   */
  public String code() {
    RowReason r = rejectedOnly(reason);
    return nirError != null ? nirError.name() : r.name();
  }

  /**
   * Returns the values that were emptied because they were invalid ({@code on-invalid drop-value}):
   * the row was written, but without them.
   *
   * @return the dropped values' columns and reasons, empty if none
   * @since 0.1.0
   */
  public List<Dropped> dropped() {
    return dropped;
  }

  private <T> T rejectedOnly(@Nullable T value) {
    if (row != null || value == null) { // a rejected row has a column and a reason
      throw new IllegalStateException("the row was not rejected");
    }
    return value;
  }

  @Override
  public String toString() {
    return row == null
        ? "RowResult[rejected, " + column + ": " + code() + "]"
        : "RowResult[ok, " + row.length + " cells]";
  }
}
