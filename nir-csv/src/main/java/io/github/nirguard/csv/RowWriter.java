package io.github.nirguard.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
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
  /** The caller's stream, flushed only at the end. */
  private final OutputStream raw;

  /** Characters to {@link #raw} (through a stream that ignores flushes), strictly encoded. */
  private final Writer out;

  /**
   * Whether blocks are encoded by the thread that formats them: a charset without state or
   * byte-order mark, whose bytes for a whole text are the bytes of its parts one after the other.
   */
  private final boolean blockwise;

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
    this.raw = out;
    this.out =
        new OutputStreamWriter(
            new FilterOutputStream(out) {
              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
              }

              @Override
              public void flush() {} // the characters reach the stream; the caller flushes it
            },
            strictEncoder(charset));
    this.blockwise = isStateless(charset);
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

  /**
   * Writes a block, after the blocks written before: its bytes if its thread encoded them, else its
   * text (encoded here, failing here as it would have failed on one thread).
   */
  void write(Block.Text block) throws IOException {
    if (block.bytes == null) {
      out.write(block.text);
    } else {
      out.flush(); // what the writer holds (the header) goes first
      raw.write(block.bytes, 0, block.length);
    }
  }

  /** The output charset's name, for errors. */
  String charsetName() {
    return charset.name();
  }

  void flush() throws IOException {
    out.flush();
    raw.flush();
  }

  private static CharsetEncoder strictEncoder(Charset cs) {
    return cs.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static boolean isStateless(Charset cs) {
    String n = cs.name();
    return cs.equals(StandardCharsets.UTF_8)
        || n.equals("US-ASCII")
        || n.startsWith("ISO-8859-")
        || n.startsWith("windows-125");
  }

  private static boolean isUnicode(Charset cs) {
    return cs.equals(StandardCharsets.UTF_8) || cs.name().startsWith("UTF-");
  }

  /** Rows formatted as CSV text, in the writer's dialect; for one thread. */
  final class Block {
    /** A block's text, and its bytes when its thread could encode them. */
    final class Text {
      final String text;
      final byte @Nullable [] bytes;
      final int length;

      Text(String text, byte @Nullable [] bytes, int length) {
        this.text = text;
        this.bytes = bytes;
        this.length = length;
      }
    }

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

    /**
     * The rows added so far, encoded on this thread when the charset allows it; a text the charset
     * cannot encode is left to {@link RowWriter#write(Text)}, which fails on it.
     */
    Text encoded() {
      String t = text();
      if (!blockwise) {
        return new Text(t, null, 0);
      }
      try {
        ByteBuffer b = strictEncoder(charset).encode(CharBuffer.wrap(t.toCharArray()));
        return new Text(t, b.array(), b.limit());
      } catch (CharacterCodingException e) {
        return new Text(t, null, 0);
      }
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
