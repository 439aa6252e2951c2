package io.github.nirguard.crypto.audit;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * An audit record could not be kept: the audited operation must not go on. The message is fixed
 * text (never a value or the log's content); the cause, if any, is the sink's I/O failure.
 *
 * <pre>{@code
 * try { auditor.record(AuditOperation.REVEAL, "lab-export", rows, null); }
 * catch (AuditException e) { // release nothing }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AuditException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes one.
   *
   * @param message what went wrong, fixed text
   * @param cause the sink's failure, or null
   */
  public AuditException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
