package io.github.nirguard.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writes the output rows in the input's dialect, strictly encoded. */
final class RowWriter {
  private final CsvWriter writer;

  /**
   * Checks each row before it is written, for a charset that cannot hold every value; else null.
   */
  private final @Nullable CharsetEncoder check;

  private @Nullable List<String> header;

  RowWriter(OutputStream out, Charset charset, char delimiter, Dialect dialect) throws IOException {
    // strict: a value the charset cannot hold fails (with its line) instead of becoming '?'
    Writer w =
        new OutputStreamWriter(
            out,
            charset
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    this.check = isUnicode(charset) ? null : charset.newEncoder();
    if (dialect.bom()) {
      w.write('\uFEFF');
    }
    this.writer =
        CsvWriter.builder()
            .fieldSeparator(delimiter)
            .lineDelimiter(dialect.crlf() ? LineDelimiter.CRLF : LineDelimiter.LF)
            .build(w);
  }

  /** Writes the header; its names are the columns that {@link #checkEncodable} names. */
  void header(List<String> names) {
    this.header = names;
    writer.writeRecord(names);
  }

  /** Refuses a row holding a value the output charset cannot encode, naming line and column. */
  void checkEncodable(String[] cells, long line) throws CsvException {
    if (check == null) {
      return;
    }
    for (int i = 0; i < cells.length; i++) {
      if (!check.canEncode(cells[i])) {
        throw new CsvException(
            CsvError.UNENCODABLE_VALUE,
            line,
            header != null ? header.get(i) : null,
            "a value cannot be written in " + check.charset().name());
      }
    }
  }

  void write(String[] cells) {
    writer.writeRecord(cells);
  }

  void flush() throws IOException {
    writer.flush();
  }

  private static boolean isUnicode(Charset cs) {
    return cs.equals(StandardCharsets.UTF_8) || cs.name().startsWith("UTF-");
  }
}
