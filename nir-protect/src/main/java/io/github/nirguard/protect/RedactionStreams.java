package io.github.nirguard.protect;

import io.github.nirguard.crypto.SpanTokenizer;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.CharBuffer;
import java.security.GeneralSecurityException;

/**
 * The text work of {@link ReversibleRedactor}: where a token ends, the reveal of a text or stream
 * (a window of {@value #CHUNK} characters, a token never cut), and the reader that refuses
 * token-shaped text on its way to the scanner.
 */
final class RedactionStreams {
  private static final int CHUNK = 1 << 16;

  private RedactionStreams() {}

  /** Thrown by {@link GuardedReader} through the scanner: a {@code [nr1.} in the input. */
  static final class TokenShaped extends IOException {
    private static final long serialVersionUID = 1L;
    final long position;

    TokenShaped(long position) {
      super("token-shaped text at character " + position);
      this.position = position;
    }
  }

  /** Passes text through and fails on the first {@link SpanTokenizer#PREFIX}, in any case. */
  static final class GuardedReader extends FilterReader {
    private long pos;
    private int matched;

    GuardedReader(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = in.read();
      if (c >= 0) {
        see((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      int r = in.read(cbuf, off, len);
      for (int i = 0; i < r; i++) {
        see(cbuf[off + i]);
      }
      return r;
    }

    private void see(char c) throws TokenShaped {
      char want = SpanTokenizer.PREFIX.charAt(matched);
      char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      if (lower == want) {
        matched++;
      } else {
        matched = c == '[' ? 1 : 0; // '[' appears only first in the prefix
      }
      pos++;
      if (matched == SpanTokenizer.PREFIX.length()) {
        throw new TokenShaped(pos - matched);
      }
    }
  }

  /**
   * Where the token starting at {@code at} ends (the index after its {@code ]}), or -1 when no
   * whole token starts there: another case, a character outside base64url, no end in {@code to} or
   * within {@link SpanTokenizer#MAX_TOKEN_CHARS}.
   */
  static int tokenEnd(CharSequence text, int at, int to) {
    if (!SpanTokenizer.PREFIX.contentEquals(text.subSequence(at, at + 5))) {
      return -1;
    }
    int last = Math.min(to, at + SpanTokenizer.MAX_TOKEN_CHARS - 1);
    for (int j = at + SpanTokenizer.PREFIX.length(); j < last; j++) {
      char c = text.charAt(j);
      if (c == SpanTokenizer.END) {
        return j + 1;
      }
      if (!SpanTokenizer.isTokenChar(c)) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Reveals the tokens of {@code text[from, to)} that start before {@code limit}, appending text
   * and spans to {@code out}; returns the index up to which the text is consumed (at least {@code
   * limit}). A token starting before {@code limit} must end by {@code to}: callers keep {@link
   * SpanTokenizer#MAX_TOKEN_CHARS} characters past the limit, or none is left to read.
   */
  static int reveal(
      SpanTokenizer spans,
      CharSequence text,
      int from,
      int limit,
      int to,
      long base,
      Appendable out,
      long[] count)
      throws RedactionException, IOException {
    int i = from;
    while (i < limit) {
      int at =
          SpanTokenizer.indexOfPrefix(
              text, i, Math.min(to, limit + SpanTokenizer.PREFIX.length() - 1));
      if (at < 0) {
        out.append(text, i, limit);
        return limit;
      }
      int end = tokenEnd(text, at, to);
      if (end < 0) {
        throw new RedactionException(RedactionException.Reason.MALFORMED_TOKEN, base + at);
      }
      String span;
      try {
        span = spans.reveal(text.subSequence(at, end));
      } catch (GeneralSecurityException e) {
        throw new RedactionException(RedactionException.Reason.TOKEN_REFUSED, base + at);
      }
      out.append(text, i, at).append(span);
      count[0]++;
      i = end;
    }
    return i;
  }

  /** The streaming reveal: every token or nothing but the text before the first refused one. */
  static long reveal(SpanTokenizer spans, Reader in, Writer out)
      throws IOException, RedactionException {
    char[] buf = new char[CHUNK];
    CharBuffer view = CharBuffer.wrap(buf);
    long[] count = new long[1];
    int filled = 0;
    long base = 0;
    boolean eof = false;
    while (true) {
      while (!eof && filled < buf.length) {
        int r = in.read(buf, filled, buf.length - filled);
        if (r < 0) {
          eof = true;
        } else {
          filled += r;
        }
      }
      int limit = eof ? filled : filled - SpanTokenizer.MAX_TOKEN_CHARS;
      int pos = reveal(spans, view, 0, limit, filled, base, out, count);
      if (eof) {
        out.flush();
        return count[0];
      }
      System.arraycopy(buf, pos, buf, 0, filled - pos);
      filled -= pos;
      base += pos;
    }
  }
}
