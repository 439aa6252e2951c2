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
import org.jspecify.annotations.Nullable;

/**
 * Redacts free text reversibly: each NIR found is replaced by a {@link SpanTokenizer span token}
 * ({@code [nr1.…]}) holding the NIR exactly as it was written, so that {@link #reveal} gives back
 * the original text byte for byte — or refuses the whole text.
 *
 * <p>Tokens are deterministic (a spelling of a NIR gives one token per purpose and key, so equal
 * spellings still join) and bound to the purpose. The redacted document ends with a seal ({@code
 * [nr1.seal.…]} and a line break) over the whole text before it, tokens in their order and prose:
 * {@link #reveal} refuses a document whose tokens were swapped, moved, duplicated, deleted or
 * brought from another document, whose prose was edited, or that was cut short. Text that already
 * holds a {@code [nr1.} (in any case) is refused by {@link #redact} ({@link
 * RedactionException.Reason#TOKEN_SHAPED_TEXT}): reveal then never mistakes the writer's text for a
 * token. {@link #reveal} restores every token or none: one that is malformed, altered, truncated or
 * of another key or purpose refuses the text with its position.
 *
 * <pre>{@code
 * ReversibleRedactor r = ReversibleRedactor.create(ring, "lab-notes");
 * String safe = r.redact("NIR 2 55 08 14 168 025 38, tél. 06 12 34 56 78");
 * // "NIR [nr1.AWG…], tél. 06 12 34 56 78[nr1.seal.AWG…]\n"
 * String back = r.reveal(safe);   // the original, byte for byte
 * }</pre>
 *
 * @since 0.1.0
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
   * Returns the document: the text with each NIR replaced by its span token, then its seal and a
   * line break ({@code [nr1.seal.…]\n}), which binds the tokens to their order and the whole text.
   *
   * @param text the text
   * @return the redacted, sealed document (the text unchanged, then the seal, when it holds no NIR)
   * @throws RedactionException {@code TOKEN_SHAPED_TEXT} if the text holds a {@code [nr1.}
   * @throws IllegalArgumentException if the text holds an unpaired surrogate (not Unicode text)
   */
  public String redact(CharSequence text) throws RedactionException {
    StringBuilder b = new StringBuilder(text.length() + 128);
    long n = tokenize(text, b);
    RedactionStreams.Seal seal = new RedactionStreams.Seal(true);
    try {
      seal.add(b, 0, b.length());
      return b.append(spans.seal(sealable(seal), n)).append('\n').toString();
    } catch (IOException e) {
      throw new IllegalStateException(e); // the digest's writer does not throw
    }
  }

  /** The digest to seal, or refuses text that is not Unicode (no UTF-8 to bind). */
  private static byte[] sealable(RedactionStreams.Seal seal) throws IOException {
    byte[] digest = seal.digest();
    if (seal.malformed()) {
      throw new IllegalArgumentException(
          "the text holds an unpaired surrogate: not Unicode text, it cannot be sealed");
    }
    return digest;
  }

  /**
   * Returns the original text of a document made by {@link #redact(CharSequence)}: every span token
   * replaced by its span and the seal removed, once the seal has authenticated the whole text.
   *
   * @param document a redacted document
   * @return the original text, byte for byte
   * @throws RedactionException {@code MALFORMED_TOKEN} or {@code TOKEN_REFUSED} (the first such
   *     token's position), {@code SEAL_MISSING}, {@code SEAL_MISPLACED} or {@code SEAL_REFUSED}:
   *     nothing is revealed
   */
  public String reveal(CharSequence document) throws RedactionException {
    return revealText(document, new RedactionStreams.Seal(true));
  }

  /**
   * Returns the text with every span token replaced by its span, <b>without the document seal</b>:
   * a seal at the end is removed unchecked and none is needed. Each token still authenticates, but
   * a token swapped, moved, duplicated, deleted or brought from another text, and a cut, pass: the
   * result may name the wrong person at a place an editor chose. Only for a document whose
   * integrity is held otherwise, or one edited on purpose.
   *
   * @param text a redacted text
   * @return the text with its tokens revealed
   * @throws RedactionException {@code MALFORMED_TOKEN}, {@code TOKEN_REFUSED} or {@code
   *     SEAL_MISPLACED}
   */
  public String revealInsecureUnsealed(CharSequence text) throws RedactionException {
    return revealText(text, new RedactionStreams.Seal(false));
  }

  /**
   * One cell of a {@code scan:reversible} column: tokens, no document seal (the row seal binds the
   * cell as written).
   */
  String redactCell(CharSequence text) throws RedactionException {
    StringBuilder b = new StringBuilder(text.length() + 64);
    return tokenize(text, b) == 0 ? text.toString() : b.toString();
  }

  /** The reveal of {@link #redactCell}: a seal in a cell is a malformed token. */
  String revealCell(CharSequence text) throws RedactionException {
    return revealText(text, null);
  }

  private long tokenize(CharSequence text, StringBuilder b) throws RedactionException {
    int shaped = SpanTokenizer.indexOfPrefix(text, 0, text.length());
    if (shaped >= 0) {
      throw new RedactionException(RedactionException.Reason.TOKEN_SHAPED_TEXT, shaped);
    }
    List<NirMatch> found = scanner.findAll(text);
    int written = 0;
    for (NirMatch m : found) {
      int start = (int) m.start();
      b.append(text, written, start).append(spans.tokenize(text.subSequence(start, (int) m.end())));
      written = (int) m.end();
    }
    b.append(text, written, text.length());
    return found.size();
  }

  private String revealText(CharSequence text, RedactionStreams.@Nullable Seal seal)
      throws RedactionException {
    StringBuilder b = new StringBuilder(text.length());
    int n = text.length();
    long[] count = new long[1];
    try {
      RedactionStreams.reveal(spans, seal, text, 0, n, n, true, 0, b, count);
      if (seal != null) {
        seal.check(spans, count[0], n);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringBuilder does not throw
    }
    return b.toString();
  }

  /**
   * Copies a stream with each NIR replaced by its span token, then the document seal and a line
   * break, in bounded memory.
   *
   * @param in the text; not closed
   * @param out receives the redacted document; flushed, not closed. On a refusal it has received
   *     part of the text: write to a temporary file and keep it only on success
   * @param onMatch called once per NIR, in order (line, column, kind: never print its value)
   * @return the number of NIRs replaced
   * @throws IOException if reading or writing fails
   * @throws RedactionException {@code TOKEN_SHAPED_TEXT} if the text holds a {@code [nr1.}
   * @throws IllegalArgumentException if the text holds an unpaired surrogate (not Unicode text)
   */
  public long redact(Reader in, Writer out, Consumer<? super NirMatch> onMatch)
      throws IOException, RedactionException {
    Objects.requireNonNull(onMatch, "onMatch");
    RedactionStreams.GuardedReader guarded = new RedactionStreams.GuardedReader(in);
    RedactionStreams.Seal seal = new RedactionStreams.Seal(true);
    long n;
    try {
      n =
          scanner.redactSpans(
              guarded,
              seal.tee(out),
              (m, span) -> {
                onMatch.accept(m);
                return spans.tokenize(span);
              });
    } catch (RedactionStreams.TokenShaped e) {
      throw new RedactionException(RedactionException.Reason.TOKEN_SHAPED_TEXT, e.position);
    }
    out.write(spans.seal(sealable(seal), n));
    out.write('\n');
    out.flush();
    return n;
  }

  /**
   * Copies a redacted document with every span token replaced by its span, in bounded memory; the
   * seal is checked at the end.
   *
   * @param in a redacted document; not closed
   * @param out receives the original text; flushed, not closed. <b>On a refusal it has received
   *     part or all of the text</b> (a seal refused is known only at the end): write to a temporary
   *     file and keep it only on success
   * @return the number of tokens revealed
   * @throws IOException if reading or writing fails
   * @throws RedactionException {@code MALFORMED_TOKEN} or {@code TOKEN_REFUSED} (the first such
   *     token's position), {@code SEAL_MISSING}, {@code SEAL_MISPLACED} or {@code SEAL_REFUSED}
   */
  public long reveal(Reader in, Writer out) throws IOException, RedactionException {
    return RedactionStreams.reveal(spans, new RedactionStreams.Seal(true), in, out);
  }

  /**
   * The streaming {@link #revealInsecureUnsealed(CharSequence)}: no seal needed or checked.
   *
   * @param in a redacted text; not closed
   * @param out receives the text with its tokens revealed; flushed, not closed (part of it on a
   *     refusal)
   * @return the number of tokens revealed
   * @throws IOException if reading or writing fails
   * @throws RedactionException {@code MALFORMED_TOKEN}, {@code TOKEN_REFUSED} or {@code
   *     SEAL_MISPLACED}
   */
  public long revealInsecureUnsealed(Reader in, Writer out) throws IOException, RedactionException {
    return RedactionStreams.reveal(spans, new RedactionStreams.Seal(false), in, out);
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
