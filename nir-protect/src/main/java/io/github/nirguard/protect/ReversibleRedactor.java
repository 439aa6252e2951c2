package io.github.nirguard.protect;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.SpanTokenizer;
import io.github.nirguard.validate.scan.NirMatch;
import io.github.nirguard.validate.scan.NirScanner;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Redacts free text reversibly: each NIR found is replaced by a {@link SpanTokenizer span token}
 * ({@code [nr1.…]}) holding the NIR exactly as it was written, so that {@link #reveal} gives back
 * the original text byte for byte — or refuses the whole text.
 *
 * <p>Tokens are deterministic (a spelling of a NIR gives one token per purpose and key, so equal
 * spellings still join) and bound to the purpose. Text that already holds a {@code [nr1.} (in any
 * case) is refused by {@link #redact} ({@link RedactionException.Reason#TOKEN_SHAPED_TEXT}): reveal
 * then never mistakes the writer's text for a token. {@link #reveal} restores every token or none:
 * one that is malformed, altered, truncated or of another key or purpose refuses the text with its
 * position.
 *
 * <pre>{@code
 * ReversibleRedactor r = ReversibleRedactor.create(ring, "lab-notes");
 * String safe = r.redact("NIR 2 55 08 14 168 025 38, tél. 06 12 34 56 78");
 * // "NIR [nr1.AWG…], tél. 06 12 34 56 78"
 * String back = r.reveal(safe);   // the original, byte for byte
 * }</pre>
 *
 * @since 0.4.0
 */
public final class ReversibleRedactor {
  private final SpanTokenizer spans;
  private final NirScanner scanner;

  ReversibleRedactor(SpanTokenizer spans, NirScanner scanner) {
    this.spans = spans;
    this.scanner = scanner;
  }

  /**
   * Returns a redactor with the standard scanner and the purpose's {@code siv-token} keyset.
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @return the redactor
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws io.github.nirguard.crypto.NoSuchKeysetException if the ring lacks the keyset
   */
  public static ReversibleRedactor create(KeyRing ring, String purpose)
      throws GeneralSecurityException {
    return create(ring, purpose, NirScanner.standard());
  }

  /**
   * Returns a redactor finding NIRs with a given scanner (lenient, never-real…).
   *
   * @param ring the key ring
   * @param purpose the purpose
   * @param scanner the scanner
   * @return the redactor
   * @throws GeneralSecurityException if the keyset cannot be used
   * @throws io.github.nirguard.crypto.NoSuchKeysetException if the ring lacks the keyset
   */
  public static ReversibleRedactor create(KeyRing ring, String purpose, NirScanner scanner)
      throws GeneralSecurityException {
    return new ReversibleRedactor(
        SpanTokenizer.create(ring, purpose), Objects.requireNonNull(scanner, "scanner"));
  }

  /**
   * Returns the text with each NIR replaced by its span token.
   *
   * @param text the text
   * @return the redacted text (equal to {@code text} when it holds no NIR)
   * @throws RedactionException {@code TOKEN_SHAPED_TEXT} if the text holds a {@code [nr1.}
   */
  public String redact(CharSequence text) throws RedactionException {
    int shaped = SpanTokenizer.indexOfPrefix(text, 0, text.length());
    if (shaped >= 0) {
      throw new RedactionException(RedactionException.Reason.TOKEN_SHAPED_TEXT, shaped);
    }
    List<NirMatch> found = scanner.findAll(text);
    if (found.isEmpty()) {
      return text.toString();
    }
    StringBuilder b = new StringBuilder(text.length() + 64 * found.size());
    int written = 0;
    for (NirMatch m : found) {
      int start = (int) m.start();
      b.append(text, written, start).append(spans.tokenize(text.subSequence(start, (int) m.end())));
      written = (int) m.end();
    }
    return b.append(text, written, text.length()).toString();
  }

  /**
   * Returns the text with every span token replaced by its span: the original text.
   *
   * @param text redacted text
   * @return the original text
   * @throws RedactionException {@code MALFORMED_TOKEN} or {@code TOKEN_REFUSED}, with the first
   *     such token's position; nothing is revealed
   */
  public String reveal(CharSequence text) throws RedactionException {
    StringBuilder b = new StringBuilder(text.length());
    int n = text.length();
    try {
      RedactionStreams.reveal(spans, text, 0, n, n, 0, b, new long[1]);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringBuilder does not throw
    }
    return b.toString();
  }

  /**
   * Copies a stream with each NIR replaced by its span token, in bounded memory.
   *
   * @param in the text; not closed
   * @param out receives the redacted text; flushed, not closed. On a refusal it has received part
   *     of the text: write to a temporary file and keep it only on success
   * @param onMatch called once per NIR, in order (line, column, kind: never print its value)
   * @return the number of NIRs replaced
   * @throws IOException if reading or writing fails
   * @throws RedactionException {@code TOKEN_SHAPED_TEXT} if the text holds a {@code [nr1.}
   */
  public long redact(Reader in, Writer out, Consumer<? super NirMatch> onMatch)
      throws IOException, RedactionException {
    Objects.requireNonNull(onMatch, "onMatch");
    RedactionStreams.GuardedReader guarded = new RedactionStreams.GuardedReader(in);
    try {
      return scanner.redactSpans(
          guarded,
          out,
          (m, span) -> {
            onMatch.accept(m);
            return spans.tokenize(span);
          });
    } catch (RedactionStreams.TokenShaped e) {
      throw new RedactionException(RedactionException.Reason.TOKEN_SHAPED_TEXT, e.position);
    }
  }

  /**
   * Copies a stream with every span token replaced by its span, in bounded memory.
   *
   * @param in redacted text; not closed
   * @param out receives the original text; flushed, not closed. On a refusal it has received part
   *     of the text: write to a temporary file and keep it only on success
   * @return the number of tokens revealed
   * @throws IOException if reading or writing fails
   * @throws RedactionException {@code MALFORMED_TOKEN} or {@code TOKEN_REFUSED}, with the first
   *     such token's position
   */
  public long reveal(Reader in, Writer out) throws IOException, RedactionException {
    return RedactionStreams.reveal(spans, in, out);
  }

  /**
   * Returns {@code ReversibleRedactor[nr1, purpose=…, NirScanner[…]]}: no key.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "ReversibleRedactor[" + spans + ", " + scanner + "]";
  }
}
