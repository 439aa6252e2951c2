package io.github.nirguard.protect;

import io.github.nirguard.policy.OnInvalid;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
  /**
   * A value emptied under {@link OnInvalid#DROP_VALUE}: its column and the stable reason.
   *
   * <pre>{@code
   * for (RowResult.Dropped d : result.dropped()) report(line, d.column(), d.reason());
   * }</pre>
   *
   * @param column the column name (from the policy)
   * @param reason the stable reason, as for a rejection
   * @since 0.1.0
   */
  public record Dropped(String column, String reason) {}

  private final String @Nullable [] row;
  private final @Nullable String column;
  private final @Nullable String reason;
  private final List<Dropped> dropped;

  private RowResult(String @Nullable [] row, @Nullable String column, @Nullable String reason, List<Dropped> dropped) {
    this.row = row;
    this.column = column;
    this.reason = reason;
    this.dropped = dropped;
  }

  static RowResult ok(String[] row) {
    return new RowResult(row, null, null, List.of());
  }

  static RowResult ok(String[] row, @Nullable List<Dropped> dropped) {
    return new RowResult(row, null, null, dropped == null ? List.of() : List.copyOf(dropped));
  }

  static RowResult rejected(String column, String reason) {
    return new RowResult(null, column, reason, List.of());
  }

  /**
   * Returns the values that were emptied because they were invalid ({@link OnInvalid#DROP_VALUE}):
   * the row was written, but without them.
   *
   * @return the dropped values' columns and reasons, empty if none
   * @since 0.1.0
   */
  public List<Dropped> dropped() {
    return dropped;
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
  public @Nullable String column() {
    return column;
  }

  /**
   * Returns the stable reason of the rejection (a {@code NirError} name, {@code INVALID_DATE}, …).
   *
   * @return the reason, or null
   */
  public @Nullable String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return row == null ? "RowResult[rejected, " + column + ": " + reason + "]" : "RowResult[ok, " + row.length + " cells]";
  }
}
