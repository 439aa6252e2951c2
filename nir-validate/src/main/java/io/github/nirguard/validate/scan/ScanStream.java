package io.github.nirguard.validate.scan;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.CharBuffer;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The streaming scan behind {@link NirScanner#scan(Reader, Consumer)} and the redacting copies (a
 * replacement is given the match and its span, a view of the window valid during the call): a
 * window of {@value #CHUNK} characters, {@link NirScanner#LOOKBEHIND} kept before the position and
 * {@link NirScanner#TAIL} read after it, lines counted lazily.
 */
final class ScanStream {
  private static final int CHUNK = 1 << 16;

  private ScanStream() {}

  static long run(
      MatchFinder finder,
      Reader in,
      @Nullable Writer out,
      @Nullable Consumer<? super NirMatch> onMatch,
      @Nullable BiFunction<? super NirMatch, ? super CharSequence, String> replacement)
      throws IOException {
    Objects.requireNonNull(in, "in");
    char[] buf = new char[CHUNK];
    CharBuffer text = CharBuffer.wrap(buf);
    Lines lines = new Lines();
    int filled = 0;
    long base = 0;
    int scanPos = 0;
    int written = 0;
    long count = 0;
    while (true) {
      int r = 0;
      while (filled < buf.length && (r = in.read(buf, filled, buf.length - filled)) >= 0) {
        filled += r;
      }
      boolean eof = r < 0; // a full window reads nothing more: end of input is found next round
      int limit = eof ? filled : filled - NirScanner.TAIL;
      int i = scanPos;
      while (i < limit) {
        int start = finder.next(text, i, limit, filled);
        if (start < 0) {
          i = -start - 1;
          break;
        }
        NirMatch m = finder.matchAt(text, start, filled, base, lines);
        count++;
        int end = (int) (m.end() - base);
        if (out != null && replacement != null) {
          out.write(buf, written, start - written);
          out.write(replacement.apply(m, CharBuffer.wrap(buf, start, end - start)));
          written = end;
        } else if (onMatch != null) {
          onMatch.accept(m);
        }
        i = end;
      }
      scanPos = Math.max(i, limit);
      if (eof) {
        if (out != null) {
          out.write(buf, written, filled - written);
        }
        return count;
      }
      if (out != null && scanPos > written) {
        out.write(buf, written, scanPos - written);
        written = scanPos;
      }
      int keep = Math.max(0, scanPos - NirScanner.LOOKBEHIND);
      lines.skipTo(text, base, base + keep);
      System.arraycopy(buf, keep, buf, 0, filled - keep);
      filled -= keep;
      scanPos -= keep;
      written = Math.max(0, written - keep);
      base += keep;
    }
  }

  /** Line counting, advanced lazily: only to a match, or past text about to be dropped. */
  static final class Lines {
    private long pos;
    long line = 1;
    long lineStart;

    void skipTo(CharSequence t, long base, long abs) {
      for (long p = pos; p < abs; p++) {
        if (t.charAt((int) (p - base)) == '\n') {
          line++;
          lineStart = p + 1;
        }
      }
      pos = Math.max(pos, abs);
    }
  }
}
