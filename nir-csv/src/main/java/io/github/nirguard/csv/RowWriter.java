package io.github.nirguard.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes the output rows in the input's dialect, strictly encoded. Rows are formatted a block at a
 * time into a {@link Block} (on any thread, one thread per block) and the blocks' text written in
 * order.
 */
final class RowWriter {
  private final Writer out;
  private final Charset charset;
  private final char delimiter;
  private final LineDelimiter lineDelimiter;

  /**
   * Whether rows must be checked before they are written: a charset that cannot hold every value.
   */
  private final boolean checked;

  private List<String> header = List.of();

  RowWriter(OutputStream out, Charset charset, char delimiter, Dialect dialect) throws IOException {
    // strict: a value the charset cannot hold fails (with its line) instead of becoming '?'
    this.out =
        new OutputStreamWriter(
            out,
            charset
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    this.charset = charset;
    this.checked = !isUnicode(charset);
    this.delimiter = delimiter;
    this.lineDelimiter = dialect.crlf() ? LineDelimiter.CRLF : LineDelimiter.LF;
    if (dialect.bom()) {
      this.out.write('\uFEFF');
    }
  }

  /** Writes the header; its names are the columns that {@link Block#unencodable} names. */
  void header(List<String> names) throws IOException {
    this.header = List.copyOf(names);
    Block b = block();
    b.add(names.toArray(new String[0]));
    write(b.text());
  }

  /** A new block of rows to format, for one thread. */
  Block block() {
    return new Block();
  }

  /** Writes a block's text, after that of the blocks written before. */
  void write(String blockText) throws IOException {
    out.write(blockText);
  }

  /** The output charset's name, for errors. */
  String charsetName() {
    return charset.name();
  }

  void flush() throws IOException {
    out.flush();
  }

  private static boolean isUnicode(Charset cs) {
    return cs.equals(StandardCharsets.UTF_8) || cs.name().startsWith("UTF-");
  }

  /** Rows formatted as CSV text, in the writer's dialect; for one thread. */
  final class Block {
    private final StringWriter text = new StringWriter(8192);
    private final CsvWriter csv =
        CsvWriter.builder()
            .fieldSeparator(delimiter)
            .lineDelimiter(lineDelimiter)
            .bufferSize(8192)
            .build(text);
    private final @Nullable CharsetEncoder check = checked ? charset.newEncoder() : null;

    /**
     * The column of the first value of a row that the output charset cannot encode, or null when
     * every value can be written.
     */
    @Nullable String unencodable(String[] cells) {
      if (check == null) {
        return null;
      }
      for (int i = 0; i < cells.length; i++) {
        if (!check.canEncode(cells[i])) {
          return i < header.size() ? header.get(i) : "";
        }
      }
      return null;
    }

    /** Appends a row. */
    void add(String[] cells) {
      csv.writeRecord(cells);
    }

    /** The rows added so far, as text; on the thread that added them. */
    String text() {
      try {
        csv.flush();
      } catch (IOException e) { // a StringWriter does not fail
        throw new UncheckedIOException(e);
      }
      return text.toString();
    }
  }
}
