package io.github.nirguard.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import org.jspecify.annotations.Nullable;

/**
 * Decodes strictly and follows the CSV's lines and quotes, so that errors name the line they are
 * on.
 */
final class TrackingReader extends Reader {
  // The parser reads ahead of the rows handed out, so its position names the wrong line: instead,
  // an undecodable byte is reported at its own line, once the characters before it are consumed;
  // a quote that is never closed at the line where its field starts; a stray quote (inside an
  // unquoted field) that leaves the quotes unbalanced at its line. Lines end with LF, CRLF or CR.
  private final InputStream in;
  private final CharsetDecoder decoder;
  private final char delimiter;
  private final String charsetName;
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
  private boolean eof;
  private boolean flushed;
  private @Nullable CsvException pending;

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

  TrackingReader(InputStream in, Charset charset, char delimiter) {
    this.in = in;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
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
    CharBuffer out = CharBuffer.wrap(cbuf, off, len);
    while (true) {
      CoderResult r = flushed ? CoderResult.UNDERFLOW : decoder.decode(bytes, out, eof);
      if (eof && r.isUnderflow() && !flushed) {
        r = decoder.flush(out);
        flushed = !r.isOverflow();
      }
      int n = out.position() - off;
      track(cbuf, off, n);
      if (r.isError()) {
        pending =
            new CsvException(
                CsvError.INVALID_ENCODING,
                breaks + (lastWasCr ? 1 : 0) + 1,
                null,
                "not valid " + charsetName);
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
        continue;
      } else if (c == '\r') {
        lastWasCr = true;
        fieldStart = true;
        continue;
      }
      if (c == delimiter) {
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

  /**
   * The line of an unbalanced quote at the end of the input: a quoted field never closed, or a
   * stray quote; else 0.
   */
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
