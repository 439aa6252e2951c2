package io.github.nirguard.crypto.audit;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A point of an audit log kept elsewhere: a record's sequence number and hash, such as {@code
 * 42:3fa1…} (64 hex digits). Verifying a log against an anchor also finds records cut from its end,
 * and a chain rewritten from an edited record on, which a hash chain alone cannot show.
 *
 * <pre>{@code
 * AuditAnchor anchor = log.head();                  // keep it where the log's writers cannot write
 * AuditVerification v = AuditLog.verify(file, AuditAnchor.parse("42:3fa1..."));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AuditAnchor {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private final long sequence;
  private final String hash;

  private AuditAnchor(long sequence, String hash) {
    this.sequence = sequence;
    this.hash = hash;
  }

  /**
   * Returns the anchor of a record.
   *
   * @param sequence the record's sequence number, 0 for the log's header (no record yet)
   * @param hash its hash, 64 hex digits (case-insensitive)
   * @return the anchor
   * @throws IllegalArgumentException if either is malformed
   */
  public static AuditAnchor of(long sequence, String hash) {
    String h = Objects.requireNonNull(hash, "hash").toLowerCase(Locale.ROOT);
    if (sequence < 0 || !HASH.matcher(h).matches()) {
      throw new IllegalArgumentException(
          "an audit anchor is a sequence number and a 64-hex-digit hash");
    }
    return new AuditAnchor(sequence, h);
  }

  /**
   * Reads an anchor as {@link #toString} writes it: {@code SEQUENCE:HASH}.
   *
   * @param text the anchor
   * @return the anchor
   * @throws IllegalArgumentException if it is not one (the message does not repeat it)
   */
  public static AuditAnchor parse(String text) {
    String t = Objects.requireNonNull(text, "text").trim();
    int colon = t.indexOf(':');
    if (colon < 1 || colon > 19) {
      throw new IllegalArgumentException("an audit anchor reads SEQUENCE:HASH (64 hex digits)");
    }
    try {
      return of(Long.parseLong(t.substring(0, colon)), t.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an audit anchor reads SEQUENCE:HASH (64 hex digits)");
    }
  }

  /**
   * Returns the sequence number of the anchored record.
   *
   * @return 0 for the header, else 1 and up
   */
  public long sequence() {
    return sequence;
  }

  /**
   * Returns the anchored record's hash.
   *
   * @return 64 lowercase hex digits
   */
  public String hash() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditAnchor
        && ((AuditAnchor) o).sequence == sequence
        && ((AuditAnchor) o).hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence) * 31 + hash.hashCode();
  }

  /**
   * Returns {@code SEQUENCE:HASH}, as {@link #parse} reads it.
   *
   * @return the anchor as text
   */
  @Override
  public String toString() {
    return sequence + ":" + hash;
  }
}
