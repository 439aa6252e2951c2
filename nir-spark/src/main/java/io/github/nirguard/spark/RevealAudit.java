package io.github.nirguard.spark;

import io.github.nirguard.crypto.audit.AuditLog;
import io.github.nirguard.crypto.audit.AuditSink;
import io.github.nirguard.crypto.audit.Auditor;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who reveals, why, and where the audit records of the Spark reveal functions go: without one, the
 * functions that give NIRs back ({@code nir_reveal}, {@code nir_fpe_decrypt} and their DataFrame
 * forms) refuse to run.
 *
 * <p>Each task that reveals values appends one record per function and purpose (operation {@code
 * detokenize} or {@code fpe-decrypt}, the actor, the reason, the key id, the count of values
 * revealed in the task; never a value), on the JVM where the values were revealed: the executor.
 * The sink is opened there, from this serializable description. An {@link AuditLog} file is checked
 * before the task's first value is released, and appended under its lock, so that executors on
 * several JVMs chain their records into one file ({@code docs/audit.md}, "Spark").
 *
 * <pre>{@code
 * RevealAudit audit = RevealAudit.toFile(Path.of("/shared/keys.ring.audit"), "alice", "INC-2026-4521");
 * NirFunctions nir = NirFunctions.register(spark, keys, audit);
 * spark.sql("SELECT nir_reveal(pseudo, 'lab-export') FROM flagged");
 *
 * RevealAudit siem = RevealAudit.toSink(() -> AuditSink.logger(System.getLogger("nirguard.audit")), "alice", "INC-2026-4521");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RevealAudit implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Opens the audit sink on a JVM that reveals values: serializable, it travels with the job. A
   * lambda or method reference typed as this interface is serializable if what it captures is.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface SinkFactory extends Serializable {
    /**
     * Opens the sink; called once per JVM and audit.
     *
     * @return the sink
     * @throws IOException if it cannot be opened: the reveal then fails
     */
    AuditSink open() throws IOException;
  }

  /** An {@link AuditLog} at a path every JVM of the job reaches. */
  private static final class FileSink implements SinkFactory {
    private static final long serialVersionUID = 1L;
    private final String file;

    FileSink(String file) {
      this.file = file;
    }

    @Override
    public AuditSink open() {
      return AuditLog.at(Path.of(file));
    }
  }

  private final String id;
  private final String actor;
  private final String reason;
  private final SinkFactory sinks;
  private final @Nullable String file;

  private RevealAudit(String actor, String reason, SinkFactory sinks, @Nullable String file) {
    this.id = UUID.randomUUID().toString();
    this.actor = actor;
    this.reason = reason;
    this.sinks = sinks;
    this.file = file;
    check();
  }

  /**
   * Audits reveals into a hash-chained {@link AuditLog} file. In local mode any path works; on a
   * cluster, a path every executor reaches on a file system with working POSIX locks ({@code nir
   * audit verify} reads it), or else {@link #toSink} to a SIEM.
   *
   * @param file the audit log (created owner-only on first use)
   * @param actor who reveals: 1 to 128 characters, no NIR, token or control character
   * @param reason why (a ticket, a request): required, at most 512 characters, same rules
   * @return the audit
   * @throws IllegalArgumentException if the actor or the reason breaks a rule (named, never
   *     repeated)
   */
  public static RevealAudit toFile(Path file, String actor, String reason) {
    String path = Objects.requireNonNull(file, "file").toAbsolutePath().toString();
    return new RevealAudit(actor, reason, new FileSink(path), path);
  }

  /**
   * Audits reveals into the sink a factory opens on each JVM, e.g. a SIEM's through {@link
   * AuditSink#logger} or your own {@link AuditSink}. A sink that throws fails the task.
   *
   * @param sinks opens the sink (serializable)
   * @param actor who reveals, as {@link #toFile} checks it
   * @param reason why, required, as {@link #toFile} checks it
   * @return the audit
   * @throws IllegalArgumentException if the actor or the reason breaks a rule
   */
  public static RevealAudit toSink(SinkFactory sinks, String actor, String reason) {
    return new RevealAudit(actor, reason, Objects.requireNonNull(sinks, "sinks"), null);
  }

  private void check() {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("nirguard: a reveal needs a reason (the audit reason)");
    }
    Auditor.of(r -> {}, actor, reason); // the audit module's rules for actor and reason
  }

  /**
   * The audit a reveal function was given, or its refusal: a reveal function without an audit fails
   * its query at the first row, naming the function, never a value.
   */
  static RevealAudit required(@Nullable RevealAudit audit, String function) {
    if (audit == null) {
      throw new IllegalStateException(refusal(function));
    }
    return audit;
  }

  /** Why a reveal function without an audit refuses. */
  static String refusal(String function) {
    return "nirguard: "
        + function
        + " gives NIRs back and needs a reveal audit (who, why, where the records go):"
        + " register the functions with NirFunctions.register(spark, keys, RevealAudit.toFile(...))"
        + " or NirFunctions.of(keys, audit)";
  }

  /** An id for this audit, to find its per-JVM sink: not a value, random. */
  String id() {
    return id;
  }

  /**
   * Returns who reveals.
   *
   * @return the actor
   */
  public String actor() {
    return actor;
  }

  /**
   * Returns why.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /** Opens an auditor over a new sink (once per JVM: {@link RevealTally}). */
  Auditor open() throws IOException {
    return Auditor.of(sinks.open(), actor, reason);
  }

  /**
   * Checks, before a value is released, that a record could be appended: for an {@link AuditLog},
   * that it can be written and ends with an intact record; other sinks are not asked.
   */
  static void ready(Auditor auditor) throws IOException {
    if (auditor.sink() instanceof AuditLog log) {
      log.ready();
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (id == null || sinks == null) {
      throw new InvalidObjectException("nirguard: an incomplete reveal audit");
    }
    try {
      check();
    } catch (IllegalArgumentException e) {
      throw new InvalidObjectException("nirguard: a reveal audit breaking the audit rules");
    }
  }

  /**
   * Returns where the records go, never the actor or the reason.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "RevealAudit[" + (file != null ? "file " + file : "sink") + "]";
  }
}
