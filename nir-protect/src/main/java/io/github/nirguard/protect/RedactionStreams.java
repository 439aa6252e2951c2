package io.github.nirguard.protect;

import io.github.nirguard.crypto.SpanTokenizer;
import java.io.FilterReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * The text work of {@link ReversibleRedactor}: where a token ends, the reveal of a text or stream
 * (a window of {@value #CHUNK} characters, a token never cut), the document seal's digest, and the
 * reader that refuses token-shaped text on its way to the scanner.
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
    return closedAt(
        text,
        at + SpanTokenizer.PREFIX.length(),
        Math.min(to, at + SpanTokenizer.MAX_TOKEN_CHARS - 1));
  }

  /**
   * The index after the {@code ]} that closes a token's or seal's body starting at {@code from},
   * looked for before {@code last}; -1 if a character outside base64url comes first or none does.
   */
  private static int closedAt(CharSequence text, int from, int last) {
    for (int j = from; j < last; j++) {
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
   * The document seal of a text on its way through redaction or reveal: the SHA-256 of its UTF-8
   * bytes (tokens and prose, up to the seal) and, on reveal, the seal found at its end.
   */
  static final class Seal {
    /** False for the insecure reveal: a seal at the end is skipped unchecked, none is needed. */
    final boolean required;

    private final MessageDigest sha256;
    private final Writer utf8;
    private @Nullable String found;
    private long foundAt = -1;

    /** An unpaired surrogate was added: not Unicode text, no UTF-8 to digest (never sealed). */
    private boolean malformed;

    private char last;

    Seal(boolean required) {
      this.required = required;
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
      utf8 =
          new OutputStreamWriter(
              new DigestOutputStream(OutputStream.nullOutputStream(), sha256),
              StandardCharsets.UTF_8
                  .newEncoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Adds text to the digest (an unpaired surrogate marks it malformed: never replaced). */
    void add(CharSequence text, int from, int to) throws IOException {
      if (malformed || from == to) {
        return;
      }
      try {
        utf8.append(text, from, to);
        last = text.charAt(to - 1);
      } catch (CharacterCodingException e) {
        malformed = true;
      }
    }

    /** Whether an unpaired surrogate was added; known once {@link #digest} is taken. */
    boolean malformed() {
      return malformed;
    }

    /** The digest of everything added (once). */
    byte[] digest() throws IOException {
      if (Character.isHighSurrogate(last)) {
        malformed = true; // the text ends inside a pair
      }
      if (!malformed) {
        try {
          utf8.flush();
        } catch (CharacterCodingException e) {
          malformed = true;
        }
      }
      return sha256.digest();
    }

    /** A writer that adds to the digest everything written to {@code out}. */
    Writer tee(Writer out) {
      return new Writer() {
        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
          out.write(cbuf, off, len);
          add(CharBuffer.wrap(cbuf), off, off + len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
          out.write(str, off, len);
          add(str, off, off + len);
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() {}
      };
    }

    /**
     * Checks the seal found against the digest and the tokens revealed ({@code length}: the whole
     * text's), or refuses; the insecure reveal checks nothing.
     */
    void check(SpanTokenizer spans, long tokens, long length)
        throws IOException, RedactionException {
      if (!required) {
        return;
      }
      if (found == null) {
        throw new RedactionException(RedactionException.Reason.SEAL_MISSING, length);
      }
      try {
        byte[] d = digest();
        if (!malformed && spans.openSeal(found, d) == tokens) {
          return;
        }
      } catch (GeneralSecurityException e) {
        // refused below, at the seal
      }
      throw new RedactionException(RedactionException.Reason.SEAL_REFUSED, foundAt);
    }
  }

  /** Whether the exact seal prefix ({@code [nr1.seal.}, lower case) starts at {@code at}. */
  private static boolean sealAt(CharSequence text, int at, int to) {
    int n = SpanTokenizer.SEAL_PREFIX.length();
    return at + n <= to && SpanTokenizer.SEAL_PREFIX.contentEquals(text.subSequence(at, at + n));
  }

  /** Where the seal starting at {@code at} ends (after its {@code ]}), or -1. */
  private static int sealEnd(CharSequence text, int at, int to) {
    return closedAt(
        text,
        at + SpanTokenizer.SEAL_PREFIX.length(),
        Math.min(to, at + SpanTokenizer.MAX_SEAL_CHARS));
  }

  /**
   * Reveals the tokens of {@code text[from, to)} that start before {@code limit}, appending text
   * and spans to {@code out}; returns the index up to which the text is consumed (at least {@code
   * limit}). A token starting before {@code limit} must end by {@code to}: callers keep {@link
   * SpanTokenizer#MAX_TOKEN_CHARS} characters past the limit, or none is left to read. With a
   * {@code seal} (a document), what is consumed goes into its digest, and a seal must be followed
   * by a line break and the end of the input ({@code atEnd}: {@code to} is the end); without one (a
   * cell under a row seal), a seal is a malformed token.
   */
  static int reveal(
      SpanTokenizer spans,
      @Nullable Seal seal,
      CharSequence text,
      int from,
      int limit,
      int to,
      boolean atEnd,
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
        if (seal != null) {
          seal.add(text, i, limit);
        }
        out.append(text, i, limit);
        return limit;
      }
      if (seal != null && sealAt(text, at, to)) {
        int end = sealEnd(text, at, to);
        if (end < 0) {
          throw new RedactionException(RedactionException.Reason.MALFORMED_TOKEN, base + at);
        }
        if (atEnd && end == to) { // its line break cut off
          throw new RedactionException(RedactionException.Reason.SEAL_MISSING, base + to);
        }
        if (!atEnd || end + 1 != to || text.charAt(end) != '\n') {
          throw new RedactionException(RedactionException.Reason.SEAL_MISPLACED, base + at);
        }
        seal.add(text, i, at);
        out.append(text, i, at);
        seal.found = text.subSequence(at, end).toString();
        seal.foundAt = base + at;
        return to;
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
      if (seal != null) {
        seal.add(text, i, end);
      }
      out.append(text, i, at).append(span);
      count[0]++;
      i = end;
    }
    return i;
  }

  /**
   * The streaming reveal: every token or nothing but the text before the first refused one. With a
   * seal, the seal is checked at the end: a refused document has been written whole to {@code out}
   * before the refusal.
   */
  static long reveal(SpanTokenizer spans, @Nullable Seal seal, Reader in, Writer out)
      throws IOException, RedactionException {
    char[] buf = new char[CHUNK];
    CharBuffer view = CharBuffer.wrap(buf);
    long[] count = new long[1];
    int filled = 0;
    long base = 0;
    while (true) {
      int r = 0;
      while (filled < buf.length && (r = in.read(buf, filled, buf.length - filled)) >= 0) {
        filled += r;
      }
      boolean eof = r < 0; // a full window reads nothing more: end of input is found next round
      int limit = eof ? filled : filled - SpanTokenizer.MAX_TOKEN_CHARS;
      int pos = reveal(spans, seal, view, 0, limit, filled, eof, base, out, count);
      if (eof) {
        if (seal != null) {
          seal.check(spans, count[0], base + filled);
        }
        out.flush();
        return count[0];
      }
      System.arraycopy(buf, pos, buf, 0, filled - pos);
      filled -= pos;
      base += pos;
    }
  }
}
