package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyInfo;
import io.github.nirguard.crypto.KeyKind;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.audit.AuditException;
import io.github.nirguard.crypto.audit.AuditLog;
import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.crypto.audit.Auditor;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Who and why, and where the audit record goes, for the commands that re-identify or change keys.
 *
 * <pre>{@code
 * nir detokenize --reason "ticket 4521" --keys keys.ring --insecure-kek-file dev-kek.json --purpose lab-export tokens.txt
 * }</pre>
 *
 * @since 0.1.0
 */
final class AuditOptions {
  /** The environment variable naming the audit log when {@code --audit-log} is not given. */
  static final String ENV = "NIRGUARD_AUDIT_LOG";

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description =
          "Why, for the audit log (a ticket, a request): never a NIR. Required to re-identify.")
  @Nullable String reason;

  @Option(
      names = "--actor",
      paramLabel = "NAME",
      description = "Who, for the audit log (default: the OS user).")
  @Nullable String actor;

  @Option(
      names = "--audit-log",
      paramLabel = "FILE",
      description =
          "Audit log to append to (default: $NIRGUARD_AUDIT_LOG, else the key ring's file name + '.audit', beside it).")
  @Nullable Path log;

  /** The log: {@code --audit-log}, else {@code $NIRGUARD_AUDIT_LOG}, else {@code <ring>.audit}. */
  Path file(Path ring) {
    if (log != null) {
      return log;
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return ring.toAbsolutePath().resolveSibling(ring.getFileName() + ".audit");
  }

  /**
   * Checks who and why (no I/O: before keys are read).
   *
   * @param ring the key ring file, beside which the log goes by default
   * @param reasonRequired whether {@code --reason} is mandatory (re-identification)
   * @return the auditor
   * @throws Failure 2 for a missing or refused {@code --reason} or {@code --actor}
   */
  Auditor auditor(Path ring, boolean reasonRequired) throws Failure {
    if (reasonRequired && (reason == null || reason.isBlank())) {
      throw new Failure(
          ExitCodes.USAGE,
          "--reason is required: say why you re-identify (it goes to the audit log)");
    }
    String who = actor != null ? actor : System.getProperty("user.name", "unknown");
    Auditor auditor;
    try {
      auditor = Auditor.of(AuditLog.at(file(ring)), who, reason == null ? "" : reason);
    } catch (IllegalArgumentException e) {
      // the message names the field and the rule, never the text
      throw new Failure(
          ExitCodes.USAGE, (actor == null ? "the OS user name: " : "") + e.getMessage());
    }
    return auditor;
  }

  /**
   * Checks that the log can take a record now (created with its header if missing), before any
   * value is released.
   *
   * @param auditor the auditor made by {@link #auditor}
   * @param ring the key ring file
   * @throws Failure 4 if it cannot
   */
  void ready(Auditor auditor, Path ring) throws Failure {
    try {
      ((AuditLog) auditor.sink()).ready();
    } catch (IOException e) {
      throw failure(e, ring);
    }
  }

  /**
   * Records a key operation on a ring about to be written: the new primary key of the keyset.
   *
   * @param auditor the auditor
   * @param operation what is done
   * @param purpose the keyset's purpose
   * @param kind the keyset's kind
   * @param after the ring as it will be written
   * @throws AuditException if the record cannot be kept (the ring must then not be written)
   */
  static void recordKey(
      Auditor auditor, AuditOperation operation, String purpose, KeyKind kind, KeyRing after)
      throws AuditException {
    Integer id = null;
    for (KeyInfo k : after.describe()) {
      if (k.purpose().equals(purpose) && k.kind() == kind && k.primary()) {
        id = k.keyId();
      }
    }
    auditor.record(operation, purpose, 1, id);
  }

  /** Describes a failure to keep a record: the log, and our fixed text or the I/O cause. */
  Failure failure(IOException e, Path ring) {
    Throwable cause = e instanceof AuditException && e.getCause() != null ? e.getCause() : e;
    String why =
        cause instanceof AuditException || !(cause instanceof IOException)
            ? e.getMessage()
            : "cannot write (" + Errors.cause((IOException) cause) + ")";
    return new Failure(ExitCodes.UNWRITABLE, "audit log " + file(ring) + ": " + why);
  }
}
