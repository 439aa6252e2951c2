package io.github.nirguard.protect;

import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * Why a {@link ReversibleRedactor} refused a whole text: a stable reason and the character where it
 * was seen; never a value, a token or a key.
 *
 * <pre>{@code
 * try {
 *   String back = redactor.reveal(text);
 * } catch (RedactionException e) {
 *   log.warn("refused: {} at character {}", e.reason(), e.position());   // TOKEN_REFUSED, 1234
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RedactionException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /**
   * The stable reasons.
   *
   * @since 0.1.0
   */
  public enum Reason {
    /**
     * Redaction: the text already holds something that starts like a token ({@code [nr1.}, in any
     * case); redacting it would let reveal mistake the writer's text for a token.
     */
    TOKEN_SHAPED_TEXT,
    /**
     * Reveal: a {@code [nr1.} that does not open a whole token (a character outside base64url, no
     * closing {@code ]}, too long, another case): edited or truncated.
     */
    MALFORMED_TOKEN,
    /** Reveal: a whole token that does not authenticate: altered, another key or purpose. */
    TOKEN_REFUSED,
    /**
     * Reveal of a document: no seal ({@code [nr1.seal.…]} and a line break) ends the text: cut
     * short, the seal deleted, or text added after it. The position is the end of the text.
     */
    SEAL_MISSING,
    /** Reveal of a document: a seal that is not at the end of the text (text added after it). */
    SEAL_MISPLACED,
    /**
     * Reveal of a document: the seal does not authenticate the text before it: a token swapped,
     * moved, duplicated, deleted or brought from another text, the prose edited, another document's
     * seal, another key or purpose. The position is the seal's.
     */
    SEAL_REFUSED
  }

  private final Reason reason;
  private final long position;

  /**
   * Makes one.
   *
   * @param reason why
   * @param position the 0-based index of the character (UTF-16) where the token, the seal or the
   *     token-shaped text starts (for {@code SEAL_MISSING}: the length of the text)
   */
  public RedactionException(Reason reason, long position) {
    super(message(reason, position));
    this.reason = reason;
    this.position = position;
  }

  private static String message(Reason reason, long position) {
    return String.format(
        Locale.ROOT, "%s at character %d (0-based): the whole text is refused", reason, position);
  }

  /**
   * Returns the reason.
   *
   * @return why the text was refused
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns where.
   *
   * @return the 0-based index (UTF-16 characters from the start of the text or stream) of the token
   *     or token-shaped text
   */
  public long position() {
    return position;
  }
}
