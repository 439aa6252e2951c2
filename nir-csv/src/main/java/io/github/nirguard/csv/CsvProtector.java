package io.github.nirguard.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.github.nirguard.crypto.AtomicFile;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.PolicyException;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.protect.RowProtector;
import io.github.nirguard.protect.RowResult;
import io.github.nirguard.protect.RowRevealer;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a protection policy to a CSV stream, a block of rows at a time, in constant memory; and
 * reverses it.
 *
 * <p>Keeps the header order, the delimiter ({@code ;} or {@code ,}, detected from the header line
 * unless set), the line ending and a UTF-8 byte-order mark; quotes only where needed. UTF-8 by
 * default, strictly decoded. Errors name the line, the column and a stable code, never a value.
 * The file methods write the output (and the report) to temporary files in the target directory,
 * renamed only on success: on error nothing is left behind, and the input is never overwritten.
 *
 * <pre>{@code
 * CsvProtector p = CsvProtector.create(policy, ring).withProgress((rows, bytes) -> {});
 * CsvSummary s = p.protect(Path.of("export.csv"), Path.of("export.safe.csv"), Optional.of(Path.of("rejected.csv")));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CsvProtector {
  private static final Pattern LINE = Pattern.compile("line (\\d+)");
  private static final int PROGRESS_EVERY = 8192;
  /** Rows protected together: the FF1 batch path's chunk. */
  private static final int BLOCK_ROWS = 256;
  /** A block also ends once its cells hold this many characters: huge rows are not kept 256 at a time. */
  private static final long BLOCK_CHARS = 1 << 20;

  private final ProtectionPolicy policy;
  private final KeyRing ring;
  private final Charset charset;
  private final Character delimiter;
  private final Progress progress;
  private final boolean keepFormulas;

  private CsvProtector(
      ProtectionPolicy policy, KeyRing ring, Charset charset, Character delimiter, Progress progress, boolean keepFormulas) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.ring = Objects.requireNonNull(ring, "ring");
    this.charset = charset;
    this.delimiter = delimiter;
    this.progress = progress;
    this.keepFormulas = keepFormulas;
  }

  /**
   * Creates a protector: UTF-8, delimiter detected, no progress.
   *
   * @param policy the policy
   * @param ring the key ring with the policy purpose's keysets
   * @return the protector
   */
  public static CsvProtector create(ProtectionPolicy policy, KeyRing ring) {
    return new CsvProtector(policy, ring, StandardCharsets.UTF_8, null, Progress.NONE, false);
  }

  /**
   * Returns a copy reading and writing another charset.
   *
   * @param cs the charset (e.g. windows-1252 for old spreadsheet exports)
   * @return the copy
   */
  public CsvProtector withCharset(Charset cs) {
    return new CsvProtector(policy, ring, Objects.requireNonNull(cs), delimiter, progress, keepFormulas);
  }

  /**
   * Returns a copy with a fixed delimiter instead of detection.
   *
   * @param d the delimiter
   * @return the copy
   */
  public CsvProtector withDelimiter(char d) {
    return new CsvProtector(policy, ring, charset, d, progress, keepFormulas);
  }

  /**
   * Returns a copy reporting progress.
   *
   * @param p the listener
   * @return the copy
   */
  public CsvProtector withProgress(Progress p) {
    return new CsvProtector(policy, ring, charset, delimiter, Objects.requireNonNull(p), keepFormulas);
  }

  /**
   * Returns a copy that writes revealed cells verbatim, even those a spreadsheet would run as a
   * formula. By default a revealed cell starting with {@code = + - @}, a tab or a carriage return
   * (or their full-width forms), other than a plain number, is written with a leading {@code '}
   * so that opening the revealed file in a spreadsheet never runs, e.g., {@code =HYPERLINK(…)}
   * beside a revealed NIR ({@link Formulas}). Protected output is never changed: it is bound to
   * its row seal.
   *
   * <pre>{@code
   * CsvProtector raw = CsvProtector.create(policy, ring).insecureKeepFormulas();   // for a program, not a person
   * }</pre>
   *
   * @return the copy
   * @since 0.1.0
   */
  public CsvProtector insecureKeepFormulas() {
    return new CsvProtector(policy, ring, charset, delimiter, progress, true);
  }

  /**
   * Protects a file into another, atomically.
   *
   * @param in the input CSV
   * @param out the output path (must not exist)
   * @param report where to list rejected rows and dropped values ({@code line,column,reason,action},
   *     action {@code rejected} or {@code dropped}), if any
   *     (must not exist)
   * @return the summary
   * @throws CsvException for malformed input or an invalid value under the stop strategy
   * @throws IOException if a file cannot be read or written
   * @throws GeneralSecurityException if a key cannot be used
   */
  public CsvSummary protect(Path in, Path out, Optional<Path> report) throws IOException, GeneralSecurityException {
    return protect(in, out, report, o -> o);
  }

  /**
   * Protects a file into another, atomically, passing the output through a wrapper — e.g. a file
   * envelope's encrypting stream, so that no plaintext ever reaches the disk.
   *
   * @param in the input CSV
   * @param out the output path (must not exist)
   * @param report where to list rejected rows, if any (must not exist)
   * @param wrapper wraps the output stream (closing the wrapper must close the stream)
   * @return the summary
   * @throws IOException if reading, parsing or writing fails
   * @throws GeneralSecurityException if a key cannot be used
   */
  public CsvSummary protect(Path in, Path out, Optional<Path> report, OutputWrapper wrapper)
      throws IOException, GeneralSecurityException {
    try (InputStream input = Files.newInputStream(in);
        AtomicFile output = AtomicFile.create(out, in, false);
        AtomicFile rep = report.isPresent() ? AtomicFile.create(report.get(), in, false) : null) {
      CsvSummary s;
      try (OutputStream o = wrapper.wrap(output.stream())) {
        s = protect(input, o, rep == null ? null : new OutputStreamWriter(rep.stream(), StandardCharsets.UTF_8));
      }
      output.commit();
      if (rep != null) {
        rep.commit();
      }
      return s;
    }
  }

  /**
   * Protects a stream. The caller owns the streams; on an exception, what was written is
   * incomplete and must be discarded (the file methods do that).
   *
   * @param in the input
   * @param out the output
   * @param report receives {@code line,column,reason,action} for rejected rows and dropped values
   *     (flushed, not closed), or null
   * @return the summary
   * @throws IOException if reading, parsing or writing fails
   * @throws GeneralSecurityException if a key cannot be used
   */
  public CsvSummary protect(InputStream in, OutputStream out, Writer report) throws IOException, GeneralSecurityException {
    return run(in, out, report, true);
  }

  /**
   * Reveals a protected file into another, atomically (key holders only).
   *
   * @param in the protected CSV
   * @param out the output path (must not exist)
   * @return the summary
   * @throws IOException if reading, parsing or writing fails, or a value is refused
   * @throws GeneralSecurityException if a key cannot be used
   */
  public CsvSummary reveal(Path in, Path out) throws IOException, GeneralSecurityException {
    try (InputStream input = Files.newInputStream(in)) {
      return reveal(input, in, out);
    }
  }

  /**
   * Reveals a protected stream (e.g. a verified decrypting stream) into a file, atomically.
   *
   * @param in the protected CSV stream
   * @param source the path it comes from (never overwritten), or null
   * @param out the output path (must not exist)
   * @return the summary
   * @throws IOException if reading, parsing or writing fails, or a value is refused
   * @throws GeneralSecurityException if a key cannot be used
   */
  public CsvSummary reveal(InputStream in, Path source, Path out) throws IOException, GeneralSecurityException {
    try (AtomicFile output = AtomicFile.create(out, source, false)) {
      CsvSummary s;
      try (OutputStream o = output.stream()) {
        s = run(in, o, null, false);
      }
      output.commit();
      return s;
    }
  }

  /**
   * Wraps the output stream of a protected file, e.g. to encrypt it as it is written.
   *
   * <pre>{@code
   * FileEnvelope envelope = FileEnvelope.create(ring, "lab-export");
   * protector.protect(in, out, Optional.empty(), sink -> envelope.encryptingStream(sink, "text/csv"));
   * }</pre>
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface OutputWrapper {
    /**
     * Wraps a stream.
     *
     * @param sink the file's stream
     * @return the stream to write the CSV to; closing it must close {@code sink}
     * @throws IOException if the sink fails
     * @throws GeneralSecurityException if a key cannot be used
     */
    OutputStream wrap(OutputStream sink) throws IOException, GeneralSecurityException;
  }

  // ---- the streaming core -----------------------------------------------------------------------

  private CsvSummary run(InputStream raw, OutputStream out, Writer report, boolean protect)
      throws IOException, GeneralSecurityException {
    long start = System.nanoTime();
    Counting counting = new Counting(raw);
    BufferedInputStream bin = new BufferedInputStream(counting, 1 << 16);
    Sniffed sniffed = sniff(bin);
    char d = delimiter != null ? delimiter : sniffed.delimiter;
    Tracking reader = new Tracking(bin, charset, d);
    long read = 0;
    long written = 0;
    long rejected = 0;
    long dropped = 0;
    long line = 0;
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder().fieldSeparator(d).allowExtraFields(true).allowMissingFields(true).skipEmptyLines(true).ofCsvRecord(reader)) {
      // strict: a value the charset cannot hold fails (below, with its line) instead of becoming '?'
      Writer w =
          new OutputStreamWriter(
              out, charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
      CharsetEncoder check = isUnicode(charset) ? null : charset.newEncoder();
      if (sniffed.bom) {
        w.write('\uFEFF');
      }
      CsvWriter writer =
          CsvWriter.builder().fieldSeparator(d).lineDelimiter(sniffed.crlf ? LineDelimiter.CRLF : LineDelimiter.LF).build(w);
      Iterator<CsvRecord> it = csv.iterator();
      if (!hasNext(it, line)) {
        throw new CsvException(CsvError.EMPTY_FILE, 0, null, null);
      }
      CsvRecord headerRecord = it.next();
      line = headerRecord.getStartingLineNumber();
      List<String> header = headerRecord.getFields();
      RowProtector protector = null;
      RowRevealer revealer = null;
      try {
        if (protect) {
          protector = RowProtector.bind(policy, header, ring);
          writer.writeRecord(protector.outputHeader());
        } else {
          revealer = RowRevealer.bind(policy, header, ring);
          writer.writeRecord(revealer.outputHeader());
        }
      } catch (PolicyException e) {
        throw new CsvException(CsvError.POLICY_MISMATCH, line, null, e.getMessage());
      }
      if (report != null) {
        report.write("line,column,reason,action\n");
      }
      boolean stop = policy.onInvalid() == OnInvalid.STOP;
      String[][] block = new String[BLOCK_ROWS][];
      long[] lines = new long[BLOCK_ROWS];
      boolean more = true;
      while (more) {
        // read a block of rows; a read error ends it, and is thrown once the rows before it are done
        int n = 0;
        long chars = 0;
        Exception pending = null;
        try {
          while (n < BLOCK_ROWS && chars < BLOCK_CHARS && (more = hasNext(it, line))) {
            CsvRecord rec = it.next();
            line = rec.getStartingLineNumber();
            if (rec.getFieldCount() != header.size()) {
              throw new CsvException(
                  CsvError.RAGGED_ROW, line, null, rec.getFieldCount() + " cells, header has " + header.size());
            }
            String[] cells = rec.getFields().toArray(new String[0]);
            for (String c : cells) {
              chars += c.length();
            }
            block[n] = cells;
            lines[n++] = line;
          }
        } catch (IOException | RuntimeException e) {
          pending = e;
          more = false;
        }
        // protect the block at once (FPE through the FF1 batch path), then handle the rows in order
        RowResult[] results = protect ? protector.protectAll(block, n, written + 1) : null;
        for (int k = 0; k < n; k++) {
          read++;
          RowResult r = protect ? results[k] : revealer.reveal(block[k], read);
          if (r.isRejected()) {
            if (!protect) {
              throw new CsvException(CsvError.REVEAL_REFUSED, lines[k], r.column(), r.code());
            }
            if (stop) {
              throw new CsvException(CsvError.INVALID_VALUE, lines[k], r.column(), r.code());
            }
            rejected++;
            if (report != null) {
              report.write(lines[k] + "," + csvCell(r.column()) + "," + r.code() + ",rejected\n");
            }
            continue;
          }
          String[] cells = r.row().orElseThrow();
          if (!protect && !keepFormulas) {
            Formulas.neutralize(cells);
          }
          if (check != null) {
            checkEncodable(check, cells, lines[k], protect ? protector.outputHeader() : revealer.outputHeader());
          }
          for (RowResult.Dropped x : r.dropped()) {
            dropped++;
            if (report != null) {
              report.write(lines[k] + "," + csvCell(x.column()) + "," + x.code() + ",dropped\n");
            }
          }
          writer.writeRecord(cells);
          written++;
          if ((read & (PROGRESS_EVERY - 1)) == 0) {
            progress.update(read, counting.count);
          }
        }
        if (pending instanceof IOException) {
          throw (IOException) pending;
        } else if (pending != null) {
          throw (RuntimeException) pending;
        }
      }
      if (read == 0) {
        throw new CsvException(CsvError.NO_DATA_ROWS, line, null, "the file has a header only");
      }
      long unbalanced = reader.unbalancedLine();
      if (unbalanced > 0) {
        throw new CsvException(CsvError.UNBALANCED_QUOTES, unbalanced, null, "a quoted field is never closed");
      }
      writer.flush();
      if (report != null) {
        report.flush();
      }
    } catch (CsvParseException e) {
      throw new CsvException(CsvError.MALFORMED_QUOTES, lineOf(e, line + 1), null, "characters after a closing quote");
    } catch (UncheckedIOException e) {
      throw translate(e.getCause(), line);
    } catch (CharacterCodingException e) {
      throw new CsvException(CsvError.INVALID_ENCODING, line + 1, null, "not valid " + charset.name());
    }
    progress.update(read, counting.count);
    return new CsvSummary(read, written, rejected, dropped, d, (System.nanoTime() - start) / 1_000_000);
  }

  private boolean hasNext(Iterator<CsvRecord> it, long line) throws IOException {
    try {
      return it.hasNext();
    } catch (UncheckedIOException e) {
      throw translate(e.getCause(), line);
    }
  }

  private IOException translate(IOException cause, long line) {
    if (cause instanceof CsvException) {
      return cause;
    }
    if (cause instanceof CharacterCodingException) {
      return new CsvException(CsvError.INVALID_ENCODING, line + 1, null, "not valid " + charset.name());
    }
    return cause;
  }

  private static long lineOf(CsvParseException e, long fallback) {
    // FastCSV's message names the line where the record started (and never a value)
    Matcher m = LINE.matcher(String.valueOf(e.getMessage()));
    return m.find() ? Long.parseLong(m.group(1)) : fallback;
  }

  private static boolean isUnicode(Charset cs) {
    return cs.equals(StandardCharsets.UTF_8) || cs.name().startsWith("UTF-");
  }

  /** Refuses a row holding a value the output charset cannot encode, naming line and column. */
  private static void checkEncodable(CharsetEncoder enc, String[] cells, long line, List<String> header) throws CsvException {
    for (int i = 0; i < cells.length; i++) {
      if (!enc.canEncode(cells[i])) {
        throw new CsvException(
            CsvError.UNENCODABLE_VALUE, line, header.get(i), "a value cannot be written in " + enc.charset().name());
      }
    }
  }

  private static String csvCell(String s) {
    return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** Delimiter, line ending and byte-order mark, read from the first line without consuming it. */
  private static final class Sniffed {
    char delimiter = ',';
    boolean crlf;
    boolean bom;
  }

  private static Sniffed sniff(BufferedInputStream in) throws IOException {
    Sniffed s = new Sniffed();
    in.mark(1 << 16);
    byte[] head = in.readNBytes(1 << 15);
    in.reset();
    int start = 0;
    if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      s.bom = true;
      start = 3;
      in.skipNBytes(3);
    }
    int semicolons = 0;
    int commas = 0;
    boolean quoted = false;
    for (int i = start; i < head.length; i++) {
      byte b = head[i];
      if (b == '"') {
        quoted = !quoted;
      } else if (!quoted && b == '\n') {
        s.crlf = i > 0 && head[i - 1] == '\r';
        break;
      } else if (!quoted && b == ';') {
        semicolons++;
      } else if (!quoted && b == ',') {
        commas++;
      }
    }
    s.delimiter = semicolons > commas ? ';' : ',';
    return s;
  }

  /** Counts bytes read, for progress. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /**
   * Decodes strictly and follows the CSV's lines and quotes as it goes, so that errors name the
   * line they are on rather than the line the parser had reached (the decoder reads ahead):
   * an undecodable byte is reported at its own line, once the characters before it are consumed;
   * a quote that is never closed at the line where its field starts; a stray quote (inside an
   * unquoted field) that leaves the quotes unbalanced at its line. Lines end with LF, CRLF or CR.
   */
  private static final class Tracking extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final char delimiter;
    private final String charsetName;
    private final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(1 << 16).flip();
    private boolean eof;
    private boolean flushed;
    private CsvException pending;
    /** Line breaks seen so far; the current line is {@code breaks + 1}. */
    private long breaks;
    private boolean lastWasCr;
    private boolean fieldStart = true;
    private boolean quoted;
    /** In a quoted field, the previous character was a quote: a close, or the first of {@code ""}. */
    private boolean quoteSeen;
    private long quotedFrom;
    private long strayQuotes;
    private long strayLine;

    Tracking(InputStream in, Charset charset, char delimiter) {
      this.in = in;
      this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
      this.delimiter = delimiter;
      this.charsetName = charset.name();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      if (pending != null) {
        throw pending;
      }
      if (len == 0) {
        return 0;
      }
      java.nio.CharBuffer out = java.nio.CharBuffer.wrap(cbuf, off, len);
      while (true) {
        java.nio.charset.CoderResult r = flushed ? java.nio.charset.CoderResult.UNDERFLOW : decoder.decode(bytes, out, eof);
        if (eof && r.isUnderflow() && !flushed) {
          r = decoder.flush(out);
          flushed = !r.isOverflow();
        }
        int n = out.position() - off;
        track(cbuf, off, n);
        if (r.isError()) {
          pending = new CsvException(CsvError.INVALID_ENCODING, breaks + (lastWasCr ? 1 : 0) + 1, null, "not valid " + charsetName);
          if (n > 0) {
            return n;
          }
          throw pending;
        }
        if (n > 0) {
          return n;
        }
        if (flushed) {
          return -1;
        }
        bytes.compact();
        int got = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (got < 0) {
          eof = true;
        } else {
          bytes.position(bytes.position() + got);
        }
        bytes.flip();
      }
    }

    private void track(char[] cbuf, int off, int n) {
      for (int i = off; i < off + n; i++) {
        char c = cbuf[i];
        if (lastWasCr) {
          lastWasCr = false;
          if (c != '\n') {
            breaks++;
          }
        }
        if (quoted) {
          if (quoteSeen) {
            quoteSeen = false;
            if (c == '"') {
              continue; // an escaped quote
            }
            quoted = false; // the field closed; c follows it
          } else {
            if (c == '"') {
              quoteSeen = true;
            } else if (c == '\n') {
              breaks++;
            } else if (c == '\r') {
              lastWasCr = true;
            }
            continue;
          }
        }
        if (c == '\n') {
          breaks++;
          fieldStart = true;
        } else if (c == '\r') {
          lastWasCr = true;
          fieldStart = true;
        } else if (c == delimiter) {
          fieldStart = true;
        } else if (c == '"' && fieldStart) {
          quoted = true;
          quotedFrom = breaks + 1;
          fieldStart = false;
        } else {
          if (c == '"' && ++strayQuotes % 2 == 1) {
            strayLine = breaks + 1;
          }
          fieldStart = false;
        }
      }
    }

    /** The line of an unbalanced quote at the end of the input: a quoted field never closed, or a stray quote; else 0. */
    long unbalancedLine() {
      if (quoted && !quoteSeen) {
        return quotedFrom;
      }
      return strayQuotes % 2 == 1 ? strayLine : 0;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  @Override
  public String toString() {
    return "CsvProtector[" + policy + ", " + charset.name() + "]";
  }
}
