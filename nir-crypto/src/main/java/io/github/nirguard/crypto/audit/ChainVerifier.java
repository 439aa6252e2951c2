package io.github.nirguard.crypto.audit;

import java.nio.charset.CharacterCodingException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The verification of a whole {@link AuditLog}'s bytes: line by line, every record intact, in order
 * and chained to the one before it, and, with an anchor, the anchored record present with its hash.
 * Stops at the first broken line and says why.
 */
final class ChainVerifier {
  private ChainVerifier() {}

  /** See {@link AuditLog#verify(byte[], AuditAnchor)}. */
  static AuditVerification verify(byte[] content, @Nullable AuditAnchor anchor) {
    Objects.requireNonNull(content, "content");
    int pos = 0;
    long lineNo = 0;
    long records = 0;
    AuditAnchor head = null;
    AuditAnchor anchored = null;
    while (pos < content.length) {
      lineNo++;
      int end = pos;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      if (end == content.length) {
        return AuditVerification.broken(
            records, head, AuditVerification.Problem.INCOMPLETE, lineNo);
      }
      String line;
      try {
        line = LogLines.decode(content, pos, end);
      } catch (CharacterCodingException e) {
        return AuditVerification.broken(
            records,
            head,
            lineNo == 1
                ? AuditVerification.Problem.NOT_AN_AUDIT_LOG
                : AuditVerification.Problem.MALFORMED,
            lineNo);
      }
      pos = end + 1;
      if (lineNo == 1) {
        if (!LogLines.HEADER_LINE.matcher(line).matches()) {
          return AuditVerification.broken(0, null, AuditVerification.Problem.NOT_AN_AUDIT_LOG, 1);
        }
        head = AuditAnchor.of(0, LogLines.sha256(line));
      } else {
        AuditVerification.Problem p = LogLines.check(line, Objects.requireNonNull(head));
        if (p != null) {
          return AuditVerification.broken(records, head, p, lineNo);
        }
        records++;
        head = AuditAnchor.of(records, line.substring(line.lastIndexOf('\t') + 1));
      }
      if (anchor != null && head.sequence() == anchor.sequence()) {
        anchored = head;
        if (!anchored.equals(anchor)) {
          return AuditVerification.broken(
              records, head, AuditVerification.Problem.ANCHOR_MISMATCH, lineNo);
        }
      }
    }
    if (head == null) {
      return AuditVerification.broken(0, null, AuditVerification.Problem.NOT_AN_AUDIT_LOG, 1);
    }
    if (anchor != null && anchored == null) {
      return AuditVerification.broken(
          records, head, AuditVerification.Problem.TRUNCATED, lineNo + 1);
    }
    return AuditVerification.intact(records, head);
  }
}
