package io.github.nirguard.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import io.github.nirguard.policy.PolicyException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One run of the streaming core: the dialect, a strict reader, blocks of rows, a direction's loop,
 * the checks at the end.
 */
final class Pipeline {
  private static final Pattern LINE = Pattern.compile("line (\\d+)");

  private final Charset charset;
  private final @Nullable Character delimiter;
  private final Progress progress;
  private final int threads;

  /** Binds a direction's loop to the input header. */
  @FunctionalInterface
  interface Direction {
    RowLoop bind(List<String> header) throws GeneralSecurityException;
  }

  /** Receives the rows of a file that is only read (each row as wide as the header). */
  @FunctionalInterface
  interface RowSink {
    void row(String[] cells) throws IOException;
  }

  /** Binds a reader's sink to the input header. */
  @FunctionalInterface
  interface Reading {
    RowSink bind(List<String> header);
  }

  /** Rewrites the rows of a file one by one, cells in, cells out (no rejected rows). */
  interface Rewriting {
    /** The output header for the input header. */
    List<String> bind(List<String> header);

    /** The output cells of a row; throws (naming line and column) to stop the run. */
    String[] row(String[] cells, long line) throws CsvException;
  }

  Pipeline(Charset charset, @Nullable Character delimiter, Progress progress) {
    this(charset, delimiter, progress, 1);
  }

  /**
   * A pipeline whose {@link #run} works on blocks of rows with {@code threads} worker threads (1:
   * on the calling thread only).
   */
  Pipeline(Charset charset, @Nullable Character delimiter, Progress progress, int threads) {
    this.charset = charset;
    this.delimiter = delimiter;
    this.progress = progress;
    this.threads = threads;
  }

  CsvSummary run(InputStream raw, OutputStream out, @Nullable Writer report, Direction direction)
      throws IOException, GeneralSecurityException {
    long start = System.nanoTime();
    CountingInputStream counting = new CountingInputStream(raw);
    BufferedInputStream bin = new BufferedInputStream(counting, 1 << 16);
    Dialect dialect = Dialect.sniff(bin);
    char d = delimiter != null ? delimiter : dialect.delimiter();
    TrackingReader reader = new TrackingReader(bin, charset, d);
    BlockReader blocks = new BlockReader(reader, d, charset.name());
    RowLoop loop;
    try (blocks) {
      RowWriter writer = new RowWriter(out, charset, d, dialect);
      List<String> header = blocks.header();
      try {
        loop = direction.bind(header);
        writer.header(loop.outputHeader());
      } catch (PolicyException e) {
        throw new CsvException(
            CsvError.POLICY_MISMATCH, blocks.line(), null, String.valueOf(e.getMessage()));
      }
      Report rep = new Report(report);
      rep.start();
      try {
        loop.run(blocks, writer, rep, progress, counting, reader::unbalancedLine, threads);
      } catch (CsvException e) {
        // a quote never closed swallows the rest of the file into one cell, whose value is then
        // refused (a NIR in clear, say): the quote is the cause. What the reader knew once the
        // failing row's block was read, whatever it has read ahead since.
        long open = loop.openQuote();
        if (open > 0 && e.error() == CsvError.INVALID_VALUE) {
          throw unbalancedQuotes(open);
        }
        throw e;
      }
      checkEnd(loop.read(), blocks, reader);
      writer.flush();
      rep.flush();
    } catch (CsvParseException e) {
      throw malformedQuotes(e, blocks);
    } catch (UncheckedIOException e) {
      throw blocks.translate(e.getCause());
    } catch (CharacterCodingException e) {
      throw blocks.invalidEncoding();
    }
    progress.update(loop.read(), counting.count());
    long ms = (System.nanoTime() - start) / 1_000_000;
    return new CsvSummary(
        loop.read(), loop.written(), loop.rejectedRows(), loop.droppedValues(), d, ms);
  }

  /**
   * Reads a file without writing anything, with the same dialect detection and the same errors as
   * {@link #run}.
   *
   * @return the number of data rows read
   */
  long read(InputStream raw, Reading reading) throws IOException {
    BufferedInputStream bin = new BufferedInputStream(raw, 1 << 16);
    Dialect dialect = Dialect.sniff(bin);
    char d = delimiter != null ? delimiter : dialect.delimiter();
    TrackingReader reader = new TrackingReader(bin, charset, d);
    BlockReader blocks = new BlockReader(reader, d, charset.name());
    long read = 0;
    try (blocks) {
      RowSink sink = reading.bind(blocks.header());
      while (blocks.more()) {
        blocks.next();
        String[][] rows = blocks.rows();
        for (int k = 0; k < blocks.size(); k++) {
          sink.row(rows[k]);
          read++;
        }
        blocks.rethrow();
      }
      checkEnd(read, blocks, reader);
    } catch (CsvParseException e) {
      throw malformedQuotes(e, blocks);
    } catch (UncheckedIOException e) {
      throw blocks.translate(e.getCause());
    } catch (CharacterCodingException e) {
      throw blocks.invalidEncoding();
    }
    return read;
  }

  /**
   * Rewrites a file row by row in its own dialect, with the same detection and errors as {@link
   * #run}.
   *
   * @return the number of data rows read (and written)
   */
  long rewrite(InputStream raw, OutputStream out, Rewriting rewriting) throws IOException {
    BufferedInputStream bin = new BufferedInputStream(raw, 1 << 16);
    Dialect dialect = Dialect.sniff(bin);
    char d = delimiter != null ? delimiter : dialect.delimiter();
    TrackingReader reader = new TrackingReader(bin, charset, d);
    BlockReader blocks = new BlockReader(reader, d, charset.name());
    long read = 0;
    try (blocks) {
      RowWriter writer = new RowWriter(out, charset, d, dialect);
      writer.header(rewriting.bind(blocks.header()));
      while (blocks.more()) {
        blocks.next();
        String[][] rows = blocks.rows();
        RowWriter.Block text = writer.block();
        for (int k = 0; k < blocks.size(); k++) {
          long line = blocks.line(k);
          String[] cells;
          try {
            cells = rewriting.row(rows[k], line);
          } catch (CsvException e) {
            // a quote never closed swallows the rest of the file into one cell: the quote is the
            // cause
            long open = reader.unbalancedLine();
            throw open > 0 && e.error() == CsvError.INVALID_VALUE ? unbalancedQuotes(open) : e;
          }
          String column = text.unencodable(cells);
          if (column != null) {
            writer.write(text.text()); // the rows before it, as before
            throw new CsvException(
                CsvError.UNENCODABLE_VALUE,
                line,
                column,
                "a value cannot be written in " + writer.charsetName());
          }
          text.add(cells);
          read++;
        }
        writer.write(text.text());
        blocks.rethrow();
      }
      checkEnd(read, blocks, reader);
      writer.flush();
    } catch (CsvParseException e) {
      throw malformedQuotes(e, blocks);
    } catch (UncheckedIOException e) {
      throw blocks.translate(e.getCause());
    } catch (CharacterCodingException e) {
      throw blocks.invalidEncoding();
    }
    return read;
  }

  /** At the end of the input: a file with a header only, or a quote never closed, is an error. */
  private static void checkEnd(long read, BlockReader blocks, TrackingReader reader)
      throws CsvException {
    if (read == 0) {
      throw new CsvException(
          CsvError.NO_DATA_ROWS, blocks.line(), null, "the file has a header only");
    }
    long open = reader.unbalancedLine();
    if (open > 0) {
      throw unbalancedQuotes(open);
    }
  }

  private static CsvException unbalancedQuotes(long line) {
    return new CsvException(
        CsvError.UNBALANCED_QUOTES, line, null, "a quoted field is never closed");
  }

  private static CsvException malformedQuotes(CsvParseException e, BlockReader blocks) {
    return new CsvException(
        CsvError.MALFORMED_QUOTES,
        lineOf(e, blocks.line() + 1),
        null,
        "characters after a closing quote");
  }

  /**
   * The line where the record FastCSV refused starts, read from its message (which never holds a
   * value): FastCSV gives it nowhere else, and the reader's own tracking cannot stand in for it.
   * FastCSV counts lines its own way (in a quoted field, a CR then other characters then an LF are
   * one line break, and such a CR can make it take the LF after the closing quote as part of a CRLF
   * and go on with the record), and it also fails on its field, record and field-count limits,
   * which the reader does not follow. Its first record's message names no line: then the fallback.
   */
  private static long lineOf(CsvParseException e, long fallback) {
    Matcher m = LINE.matcher(String.valueOf(e.getMessage()));
    return m.find() ? Long.parseLong(m.group(1)) : fallback;
  }
}
