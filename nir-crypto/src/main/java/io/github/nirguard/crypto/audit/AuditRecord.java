package io.github.nirguard.crypto.audit;

import io.github.nirguard.crypto.Purpose;
import io.github.nirguard.crypto.Token;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * One audited operation: who (actor), what (operation, purpose, key id, count of values), why
 * (reason) and when — never a NIR, a token or a cell value.
 *
 * <p>The actor and the reason are free text from the caller, so they are checked: no control
 * characters, bounded length, and nothing shaped like a NIR (13 digits in a row, spaces, dots,
 * dashes, underscores and slashes ignored, {@code 2A}/{@code 2B} included) or a nirguard token. A
 * record that breaks a rule is refused with an {@link IllegalArgumentException} that never repeats
 * the text. Times are kept to the millisecond, in UTC.
 *
 * <pre>{@code
 * AuditRecord r = AuditRecord.of(AuditOperation.FPE_DECRYPT, "lab-export", 120, "alice", "ticket 4521", Instant.now())
 *     .withKeyId(0x1a2b3c4d);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AuditRecord {
  /** The longest actor, in characters. */
  public static final int MAX_ACTOR = 128;

  /** The longest reason, in characters. */
  public static final int MAX_REASON = 512;

  private final Instant time;
  private final String actor;
  private final AuditOperation operation;
  private final String purpose;
  private final @Nullable Integer keyId;
  private final long count;
  private final String reason;

  private AuditRecord(
      Instant time,
      String actor,
      AuditOperation operation,
      String purpose,
      @Nullable Integer keyId,
      long count,
      String reason) {
    this.time = time;
    this.actor = actor;
    this.operation = operation;
    this.purpose = purpose;
    this.keyId = keyId;
    this.count = count;
    this.reason = reason;
  }

  /**
   * Returns a record without a key id.
   *
   * @param operation what was done
   * @param purpose the purpose of the keys used, see {@link Purpose#check}
   * @param count how many values (rows for {@link AuditOperation#REVEAL}, keys for key operations)
   * @param actor who: 1 to {@value #MAX_ACTOR} characters
   * @param reason why: at most {@value #MAX_REASON} characters, may be empty
   * @param time when (kept to the millisecond)
   * @return the record
   * @throws IllegalArgumentException if a field breaks a rule above (the message names the field,
   *     never its text)
   */
  public static AuditRecord of(
      AuditOperation operation,
      String purpose,
      long count,
      String actor,
      String reason,
      Instant time) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(time, "time");
    Purpose.check(purpose);
    if (count < 0) {
      throw new IllegalArgumentException("the count of an audit record cannot be negative");
    }
    checkText("actor", actor, 1, MAX_ACTOR);
    checkText("reason", reason, 0, MAX_REASON);
    return new AuditRecord(
        time.truncatedTo(ChronoUnit.MILLIS), actor, operation, purpose, null, count, reason);
  }

  /**
   * Returns this record naming the key used (one key of the purpose's keyset).
   *
   * @param id the Tink key id, as {@code nir keys list} shows it in hex
   * @return a new record
   */
  public AuditRecord withKeyId(int id) {
    return new AuditRecord(time, actor, operation, purpose, id, count, reason);
  }

  /**
   * Checks free text for a record field; the message names the field, never the text.
   *
   * @param field the field's name, for the message
   * @param text the text
   * @param min the fewest characters
   * @param max the most characters
   * @return the text
   * @throws IllegalArgumentException if it breaks a rule
   */
  static String checkText(String field, @Nullable String text, int min, int max) {
    if (text == null) {
      throw new IllegalArgumentException("the audit " + field + " is missing");
    }
    if (text.length() < min || text.length() > max || (min > 0 && text.isBlank())) {
      throw new IllegalArgumentException(
          "the audit " + field + " must hold " + min + " to " + max + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)
          || c == '\u2028'
          || c == '\u2029'
          || (Character.isSurrogate(c) && !validSurrogate(text, i))) {
        throw new IllegalArgumentException(
            "the audit " + field + " holds a control character at column " + (i + 1));
      }
    }
    if (nirShaped(text)) {
      throw new IllegalArgumentException(
          "the audit " + field + " holds what looks like a NIR: never write one there");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (Token.Scheme s : Token.Scheme.values()) {
      if (lower.contains(s.prefix() + ".")) {
        throw new IllegalArgumentException(
            "the audit " + field + " holds what looks like a token: never write one there");
      }
    }
    return text;
  }

  /**
   * Whether the text, spaces, dots, dashes, underscores and slashes removed, holds 13 characters in
   * a row shaped like a NIR body: 6 digits, a digit or {@code A}/{@code B}, 6 digits.
   */
  static boolean nirShaped(String text) {
    char[] kept = new char[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(Character.isWhitespace(c) || c == '.' || c == '_' || c == '/' || c == '-')) {
        kept[n++] = c;
      }
    }
    for (int start = 0; start + 13 <= n; start++) {
      int k = 0;
      while (k < 13) {
        char c = kept[start + k];
        boolean digit = c >= '0' && c <= '9';
        if (!(digit || (k == 6 && (c == 'A' || c == 'a' || c == 'B' || c == 'b')))) {
          break;
        }
        k++;
      }
      if (k == 13) {
        return true;
      }
      start += k == 0 ? 0 : Math.max(0, k - 7); // no window can start inside a shorter run's head
    }
    return false;
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /**
   * Returns when it happened.
   *
   * @return the instant, to the millisecond
   */
  public Instant time() {
    return time;
  }

  /**
   * Returns who did it.
   *
   * @return the actor
   */
  public String actor() {
    return actor;
  }

  /**
   * Returns what was done.
   *
   * @return the operation
   */
  public AuditOperation operation() {
    return operation;
  }

  /**
   * Returns the purpose of the keys used.
   *
   * @return the purpose
   */
  public String purpose() {
    return purpose;
  }

  /**
   * Returns the key used, when one key is known.
   *
   * @return the Tink key id, or empty
   */
  public OptionalInt keyId() {
    return keyId == null ? OptionalInt.empty() : OptionalInt.of(keyId);
  }

  /**
   * Returns how many values (rows for {@link AuditOperation#REVEAL}).
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * Returns why.
   *
   * @return the reason, possibly empty
   */
  public String reason() {
    return reason;
  }

  /** The key id as 8 hex digits, or {@code -}. */
  String keyIdText() {
    return keyId == null ? "-" : String.format(Locale.ROOT, "%08x", keyId);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AuditRecord)) {
      return false;
    }
    AuditRecord r = (AuditRecord) o;
    return time.equals(r.time)
        && actor.equals(r.actor)
        && operation == r.operation
        && purpose.equals(r.purpose)
        && Objects.equals(keyId, r.keyId)
        && count == r.count
        && reason.equals(r.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, actor, operation, purpose, keyId, count, reason);
  }

  /**
   * Returns e.g. {@code AuditRecord[fpe-decrypt lab-export key 1a2b3c4d count 120 by alice at
   * 2026-01-02T03:04:05.123Z]}; the reason is left out (it is in the log).
   *
   * @return a description with no value in it
   */
  @Override
  public String toString() {
    return "AuditRecord["
        + operation.label()
        + " "
        + purpose
        + " key "
        + keyIdText()
        + " count "
        + count
        + " by "
        + actor
        + " at "
        + time
        + "]";
  }
}
