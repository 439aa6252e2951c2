package io.github.nirguard.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the header, then the rows in blocks; a read error ends a block and waits until its rows are
 * done.
 */
final class BlockReader implements Closeable {
  /** Rows protected together: the FF1 batch path's chunk. */
  static final int BLOCK_ROWS = 256;

  /**
   * A block also ends once its cells hold this many characters: huge rows are not kept 256 at a
   * time.
   */
  static final long BLOCK_CHARS = 1 << 20;

  private final CsvReader<CsvRecord> csv;
  private final Iterator<CsvRecord> it;
  private final String charsetName;
  private final String[][] rows = new String[BLOCK_ROWS][];
  private final long[] lines = new long[BLOCK_ROWS];
  private int size;
  private @Nullable Exception pending;
  private boolean more = true;
  private int columns;

  /** The line where the last record read starts. */
  private long line;

  BlockReader(Reader in, char delimiter, String charsetName) {
    this.csv =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .skipEmptyLines(true)
            .ofCsvRecord(in);
    this.it = csv.iterator();
    this.charsetName = charsetName;
  }

  /** Reads the header record. */
  List<String> header() throws IOException {
    if (!hasNext()) {
      throw new CsvException(CsvError.EMPTY_FILE, 0, null, null);
    }
    CsvRecord header = it.next();
    line = header.getStartingLineNumber();
    columns = header.getFieldCount();
    return header.getFields();
  }

  /**
   * Whether there may be another block: false once a block ended at the end of the input or at an
   * error.
   */
  boolean more() {
    return more;
  }

  /**
   * Reads the next block, up to {@link #BLOCK_ROWS} rows or {@link #BLOCK_CHARS} characters,
   * keeping a read error for {@link #rethrow}.
   *
   * @return this reader, its block the one just read
   */
  BlockReader next() {
    size = 0;
    pending = null;
    long chars = 0;
    try {
      while (size < BLOCK_ROWS && chars < BLOCK_CHARS && (more = hasNext())) {
        CsvRecord rec = it.next();
        line = rec.getStartingLineNumber();
        if (rec.getFieldCount() != columns) {
          throw new CsvException(
              CsvError.RAGGED_ROW,
              line,
              null,
              rec.getFieldCount() + " cells, header has " + columns);
        }
        String[] cells = rec.getFields().toArray(new String[0]);
        for (String c : cells) {
          chars += c.length();
        }
        rows[size] = cells;
        lines[size++] = line;
      }
    } catch (IOException | RuntimeException e) {
      pending = e;
      more = false;
    }
    return this;
  }

  /** The block's rows; the first {@link #size} are this block's. */
  String[][] rows() {
    return rows;
  }

  int size() {
    return size;
  }

  /** The line where the block's row {@code k} starts. */
  long line(int k) {
    return lines[k];
  }

  /** The line where the last record read starts (0 before the header). */
  long line() {
    return line;
  }

  /** The error that ended the block, if any. */
  @Nullable Exception pending() {
    return pending;
  }

  /** Throws the error that ended the block, if any: once the rows before it are done. */
  void rethrow() throws IOException {
    rethrow(pending);
  }

  /** Throws a block's read error, if any (an {@link IOException} or a runtime exception). */
  static void rethrow(@Nullable Exception pending) throws IOException {
    if (pending instanceof IOException) {
      throw (IOException) pending;
    } else if (pending != null) {
      throw (RuntimeException) pending;
    }
  }

  /**
   * What an I/O error while reading or writing means here: an undecodable input is an error on the
   * line after the last one read.
   */
  IOException translate(@Nullable IOException cause) {
    if (cause instanceof CsvException) {
      return cause;
    }
    if (cause instanceof CharacterCodingException) {
      return invalidEncoding();
    }
    return cause != null ? cause : new IOException("read failed");
  }

  CsvException invalidEncoding() {
    return new CsvException(CsvError.INVALID_ENCODING, line + 1, null, "not valid " + charsetName);
  }

  private boolean hasNext() throws IOException {
    try {
      return it.hasNext();
    } catch (UncheckedIOException e) {
      throw translate(e.getCause());
    }
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
