package io.github.nirguard.csv;

import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A CSV file that cannot be processed: the error code, the 1-based line and column (column name
 * when known), and the reason — never a cell's value.
 *
 * <pre>{@code
 * catch (CsvException e) { System.err.println(e.getMessage()); }   // "RAGGED_ROW at line 12: 5 cells, header has 6"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CsvException extends IOException {
  private static final long serialVersionUID = 1L;

  private final CsvError error;
  private final long line;
  private final @Nullable String column;

  CsvException(CsvError error, long line, @Nullable String column, @Nullable String detail) {
    super(
        error
            + (line > 0 ? " at line " + line : "")
            + (column != null ? ", column '" + column + "'" : "")
            + (detail != null ? ": " + detail : ""));
    this.error = error;
    this.line = line;
    this.column = column;
  }

  /**
   * Returns the error code.
   *
   * @return the code
   */
  public CsvError error() {
    return error;
  }

  /**
   * Returns the 1-based line where the problem is, or 0.
   *
   * @return the line
   */
  public long line() {
    return line;
  }

  /**
   * Returns the name of the column where the problem is, when it is about one column.
   *
   * @return the column name, or empty
   */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }
}
