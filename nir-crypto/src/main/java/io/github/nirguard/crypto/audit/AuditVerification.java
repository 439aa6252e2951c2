package io.github.nirguard.crypto.audit;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link AuditLog#verify} found: the whole log intact, or the first broken line and why.
 *
 * <pre>{@code
 * AuditVerification v = AuditLog.verify(Path.of("keys.ring.audit"), anchor);
 * if (!v.ok()) System.err.println("line " + v.line() + ": " + v.problem().orElseThrow());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AuditVerification {
  /**
   * Why a log does not verify.
   *
   * <pre>{@code
   * if (v.problem().orElse(null) == AuditVerification.Problem.TRUNCATED) { ... }   // records cut
   * }</pre>
   *
   * @since 0.1.0
   */
  public enum Problem {
    /** The first line is not an audit log header (empty file, another file, edited header). */
    NOT_AN_AUDIT_LOG,
    /** A line is not a record: fields, text, time or number unreadable, or not UTF-8. */
    MALFORMED,
    /** The file ends inside a line: cut, or a write that never completed. */
    INCOMPLETE,
    /** A record's sequence number is not the previous one plus 1: deleted, moved or copied. */
    SEQUENCE,
    /** A record does not commit to the one before it: reordered, deleted, or from another log. */
    CHAIN,
    /** A record's hash does not match its fields: the record was edited. */
    HASH,
    /** The log ends before the anchor's record: records were cut from its end. */
    TRUNCATED,
    /** The anchor's record has another hash: the log was rewritten from there back. */
    ANCHOR_MISMATCH
  }

  private final long records;
  private final @Nullable AuditAnchor head;
  private final @Nullable Problem problem;
  private final long line;

  private AuditVerification(
      long records, @Nullable AuditAnchor head, @Nullable Problem problem, long line) {
    this.records = records;
    this.head = head;
    this.problem = problem;
    this.line = line;
  }

  static AuditVerification intact(long records, AuditAnchor head) {
    return new AuditVerification(records, head, null, 0);
  }

  static AuditVerification broken(long records, @Nullable AuditAnchor head, Problem p, long line) {
    return new AuditVerification(records, head, p, line);
  }

  /**
   * Returns whether the whole log verified (and matched the anchor, if one was given).
   *
   * @return {@code true} if intact
   */
  public boolean ok() {
    return problem == null;
  }

  /**
   * Returns the number of records read intact (before the first problem).
   *
   * @return the count
   */
  public long records() {
    return records;
  }

  /**
   * Returns the anchor of the last intact record (the header's for a log with no record yet).
   *
   * @return the head, or empty if not even the header is intact
   */
  public Optional<AuditAnchor> head() {
    return Optional.ofNullable(head);
  }

  /**
   * Returns the problem found first.
   *
   * @return the problem, or empty if intact
   */
  public Optional<Problem> problem() {
    return Optional.ofNullable(problem);
  }

  /**
   * Returns the 1-based line of the first problem (one past the last line for {@link
   * Problem#TRUNCATED}).
   *
   * @return the line, or 0 if intact
   */
  public long line() {
    return line;
  }

  @Override
  public String toString() {
    return problem == null
        ? "AuditVerification[intact, " + records + " records]"
        : "AuditVerification[" + problem + " at line " + line + "]";
  }
}
