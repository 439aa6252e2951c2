package io.github.nirguard.csv;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import io.github.nirguard.crypto.AtomicFile;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.audit.AuditException;
import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.crypto.audit.Auditor;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.risk.GeneralisationPlan;
import io.github.nirguard.risk.KAnonymizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Applies a protection policy to a CSV stream, a block of rows at a time, in constant memory; and
 * reverses it.
 *
 * <p>Keeps the header order, the delimiter ({@code ;} or {@code ,}, detected from the header line
 * unless set), the line ending and a UTF-8 byte-order mark; quotes only where needed. UTF-8 by
 * default, strictly decoded. Errors name the line, the column and a stable code, never a value. The
 * file methods write the output (and the report) to temporary files in the target directory,
 * renamed only on success: on error nothing is left behind, and the input is never overwritten.
 *
 * <pre>{@code
 * CsvProtector p = CsvProtector.create(policy, ring).withProgress((rows, bytes) -> {});
 * CsvSummary s = p.protect(Path.of("export.csv"), Path.of("export.safe.csv"), Path.of("rejected.csv"));
 * }</pre>
 *
 * @since 0.1.0
 */
@CheckReturnValue
public final class CsvProtector {
  /** The most worker threads {@link #withThreads} accepts. */
  public static final int MAX_THREADS = 256;

  private final ProtectionPolicy policy;
  private final KeyRing ring;
  private final ProtectorSettings settings;

  private CsvProtector(ProtectionPolicy policy, KeyRing ring, ProtectorSettings settings) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.ring = Objects.requireNonNull(ring, "ring");
    this.settings = settings;
  }

  /**
   * Creates a protector: UTF-8, delimiter detected, no progress.
   *
   * @param policy the policy
   * @param ring the key ring with the policy purpose's keysets
   * @return the protector
   */
  public static CsvProtector create(ProtectionPolicy policy, KeyRing ring) {
    return new CsvProtector(policy, ring, ProtectorSettings.DEFAULTS);
  }

  /**
   * Returns a copy reading and writing another charset.
   *
   * @param cs the charset (e.g. windows-1252 for old spreadsheet exports)
   * @return the copy
   */
  public CsvProtector withCharset(Charset cs) {
    return with(settings.withCharset(Objects.requireNonNull(cs)));
  }

  /**
   * Returns a copy with a fixed delimiter instead of detection.
   *
   * @param d the delimiter
   * @return the copy
   */
  public CsvProtector withDelimiter(char d) {
    return with(settings.withDelimiter(d));
  }

  /**
   * Returns a copy reporting progress.
   *
   * @param p the listener
   * @return the copy
   */
  public CsvProtector withProgress(Progress p) {
    return with(settings.withProgress(Objects.requireNonNull(p)));
  }

  /**
   * Returns a copy that writes revealed cells verbatim, even those a spreadsheet would run as a
   * formula. By default a revealed cell starting with {@code = + - @}, a tab or a carriage return
   * (or their full-width forms), other than a plain number, is written with a leading {@code '} so
   * that opening the revealed file in a spreadsheet never runs, e.g., {@code =HYPERLINK(…)} beside
   * a revealed NIR ({@link Formulas}). Protected output is never changed: it is bound to its row
   * seal.
   *
   * <pre>{@code
   * CsvProtector raw = CsvProtector.create(policy, ring).insecureKeepFormulas();   // for a program, not a person
   * }</pre>
   *
   * @return the copy
   * @since 0.1.0
   */
  public CsvProtector insecureKeepFormulas() {
    return with(settings.withKeepFormulas());
  }

  /**
   * Returns a copy whose reveals are audited: each revealed file appends one {@link
   * AuditOperation#REVEAL} record (the policy's purpose, the number of rows) before the output is
   * renamed into place. If the record cannot be kept, nothing is written ({@link AuditException}).
   * Protecting is not audited.
   *
   * <pre>{@code
   * CsvProtector p = CsvProtector.create(policy, ring)
   *     .withAudit(Auditor.of(AuditLog.at(Path.of("keys.ring.audit")), "alice", "ticket 4521"));
   * }</pre>
   *
   * @param auditor who, why, and where records go
   * @return the copy
   * @since 0.1.0
   */
  public CsvProtector withAudit(Auditor auditor) {
    return with(settings.withAuditor(Objects.requireNonNull(auditor)));
  }

  /**
   * Returns a copy that protects and reveals blocks of rows on {@code n} worker threads while the
   * calling thread reads and writes. The output, the report, the summary and the errors (the first
   * one, at its line) are byte for byte those of one thread: blocks are taken in input order, and
   * each row is bound to the same output index. The default is 1: everything on the calling thread,
   * no thread started.
   *
   * <pre>{@code
   * CsvProtector p = CsvProtector.create(policy, ring).withThreads(Runtime.getRuntime().availableProcessors());
   * }</pre>
   *
   * @param n the number of worker threads, 1 to 256
   * @return the copy
   * @throws IllegalArgumentException if {@code n} is out of range
   * @since 0.1.0
   */
  public CsvProtector withThreads(int n) {
    if (n < 1 || n > MAX_THREADS) {
      throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS);
    }
    return with(settings.withThreads(n));
  }

  /**
   * Plans a least-generalisation run: the first of its two passes over a file. The rows are
   * protected (not sealed, not written) with each {@code generalize:FROM..TO} column at its finest
   * rung, their equivalence classes counted per person, and every combination of rungs evaluated
   * ({@link KAnonymizer}). Nothing is written.
   *
   * <pre>{@code
   * GeneralisationPlan plan = protector.plan(in);
   * System.err.println(plan.describe());            // rungs and counts, never a value
   * protector.withPlan(plan).protect(in, out, report);
   * }</pre>
   *
   * @param in the input CSV (read again by the second pass)
   * @return the plan
   * @throws IllegalStateException if the policy has no {@code require k}
   * @throws CsvException for malformed input or an invalid value under the stop strategy
   * @throws IOException if the file cannot be read
   * @throws GeneralSecurityException if a key cannot be used
   * @since 0.1.0
   */
  public GeneralisationPlan plan(Path in) throws IOException, GeneralSecurityException {
    if (policy.requiredK() < 2) {
      throw new IllegalStateException("planning needs the policy's require k");
    }
    return PlanLoop.plan(settings.pipeline(), policy, ring, in);
  }

  /**
   * Returns a copy that protects with a plan's rungs and leaves out its outliers (each listed in
   * the report as {@code RISK_SUPPRESSED}, action {@code suppressed}). The written rows are
   * measured again and checked against {@code require k} as always: a plan made on another file
   * cannot let a broken rule through.
   *
   * @param plan from {@link #plan} on the same input, with this protector's policy
   * @return the copy
   * @since 0.1.0
   */
  public CsvProtector withPlan(GeneralisationPlan plan) {
    return with(settings.withPlan(Objects.requireNonNull(plan, "plan")));
  }

  /**
   * Protects a file into another, atomically. A policy that {@linkplain
   * ProtectionPolicy#needsPlan() needs a plan} is planned first (two passes over {@code in}) unless
   * {@link #withPlan} gave one.
   *
   * @param in the input CSV
   * @param out the output path (must not exist)
   * @return the summary
   * @throws CsvException for malformed input or an invalid value under the stop strategy
   * @throws IOException if a file cannot be read or written
   * @throws GeneralSecurityException if a key cannot be used
   */
  @CanIgnoreReturnValue // the summary is for those who want it
  public CsvSummary protect(Path in, Path out) throws IOException, GeneralSecurityException {
    return protect(in, out, null, o -> o);
  }

  /**
   * Protects a file into another, atomically, listing rejected rows and dropped values in a report.
   *
   * @param in the input CSV
   * @param out the output path (must not exist)
   * @param report where to list rejected rows and dropped values ({@code
   *     line,column,reason,action}, action {@code rejected} or {@code dropped}; must not exist)
   * @return the summary
   * @throws CsvException for malformed input or an invalid value under the stop strategy
   * @throws IOException if a file cannot be read or written
   * @throws GeneralSecurityException if a key cannot be used
   */
  @CanIgnoreReturnValue // the summary is for those who want it
  public CsvSummary protect(Path in, Path out, Path report)
      throws IOException, GeneralSecurityException {
    return protect(in, out, Objects.requireNonNull(report, "report"), o -> o);
  }

  /**
   * Protects a file into another, atomically, passing the output through a wrapper — e.g. a file
   * envelope's encrypting stream, so that no plaintext ever reaches the disk.
   *
   * @param in the input CSV
   * @param out the output path (must not exist)
   * @param report where to list rejected rows and dropped values (must not exist), or null for no
   *     report
   * @param wrapper wraps the output stream (closing the wrapper must close the stream)
   * @return the summary
   * @throws IOException if reading, parsing or writing fails
   * @throws GeneralSecurityException if a key cannot be used
   */
  @CanIgnoreReturnValue // the summary is for those who want it
  public CsvSummary protect(Path in, Path out, @Nullable Path report, OutputWrapper wrapper)
      throws IOException, GeneralSecurityException {
    if (policy.needsPlan() && settings.plan() == null) {
      return withPlan(plan(in)).protect(in, out, report, wrapper);
    }
    try (InputStream input = Files.newInputStream(in);
        AtomicFile output = AtomicFile.create(out, in, false);
        AtomicFile rep = report != null ? AtomicFile.create(report, in, false) : null) {
      CsvSummary s;
      try (OutputStream o = wrapper.wrap(output.stream())) {
        s =
            protect(
                input,
                o,
                rep == null ? null : new OutputStreamWriter(rep.stream(), StandardCharsets.UTF_8));
      }
      output.commit();
      if (rep != null) {
        rep.commit();
      }
      return s;
    }
  }

  /**
   * Protects a stream. The caller owns the streams; on an exception, what was written is incomplete
   * and must be discarded (the file methods do that). When the policy has {@code require k} or
   * {@code require l} rules, the risk of the rows written is measured as they go, and a broken rule
   * is a {@link CsvException} ({@link CsvError#RISK_RULE_BROKEN}) once every row is read.
   *
   * @param in the input
   * @param out the output
   * @param report receives {@code line,column,reason,action} for rejected rows and dropped values
   *     (flushed, not closed), or null
   * @return the summary
   * @throws IOException if reading, parsing or writing fails
   * @throws GeneralSecurityException if a key cannot be used
   */
  @CanIgnoreReturnValue // the summary is for those who want it
  public CsvSummary protect(InputStream in, OutputStream out, @Nullable Writer report)
      throws IOException, GeneralSecurityException {
    GeneralisationPlan p = settings.plan();
    if (policy.needsPlan() && p == null) {
      throw new IllegalStateException(
          "the policy chooses rungs from the data or suppresses outliers: two passes over a file"
              + " (protect(Path, Path), or withPlan(plan(file)))");
    }
    return ProtectLoop.run(settings.pipeline(), policy, ring, p, in, out, report);
  }

  /**
   * Reveals a protected file into another, atomically (key holders only).
   *
   * @param in the protected CSV
   * @param out the output path (must not exist)
   * @return the summary
   * @throws IOException if reading, parsing or writing fails, or a value is refused
   * @throws GeneralSecurityException if a key cannot be used
   */
  @CanIgnoreReturnValue // the summary is for those who want it
  public CsvSummary reveal(Path in, Path out) throws IOException, GeneralSecurityException {
    try (InputStream input = Files.newInputStream(in)) {
      return reveal(input, in, out);
    }
  }

  /**
   * Reveals a protected stream (e.g. a verified decrypting stream) into a file, atomically.
   *
   * @param in the protected CSV stream
   * @param source the path it comes from (never overwritten), or null
   * @param out the output path (must not exist)
   * @return the summary
   * @throws IOException if reading, parsing or writing fails, or a value is refused; an {@link
   *     AuditException} if {@linkplain #withAudit audited} and the record cannot be kept
   * @throws GeneralSecurityException if a key cannot be used
   */
  @CanIgnoreReturnValue // the summary is for those who want it
  public CsvSummary reveal(InputStream in, @Nullable Path source, Path out)
      throws IOException, GeneralSecurityException {
    try (AtomicFile output = AtomicFile.create(out, source, false)) {
      CsvSummary s;
      try (OutputStream o = output.stream()) {
        s =
            settings
                .pipeline()
                .run(
                    in,
                    o,
                    null,
                    header -> new RevealLoop(policy, header, ring, settings.keepFormulas()));
      }
      Auditor auditor = settings.auditor();
      if (auditor != null) {
        auditor.record(AuditOperation.REVEAL, policy.purpose(), s.rowsWritten(), null);
      }
      output.commit();
      return s;
    }
  }

  /**
   * Wraps the output stream of a protected file, e.g. to encrypt it as it is written.
   *
   * <pre>{@code
   * FileEnvelope envelope = FileEnvelope.create(ring, "lab-export");
   * protector.protect(in, out, null, sink -> envelope.encryptingStream(sink, "text/csv"));
   * }</pre>
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface OutputWrapper {
    /**
     * Wraps a stream.
     *
     * @param sink the file's stream
     * @return the stream to write the CSV to; closing it must close {@code sink}
     * @throws IOException if the sink fails
     * @throws GeneralSecurityException if a key cannot be used
     */
    OutputStream wrap(OutputStream sink) throws IOException, GeneralSecurityException;
  }

  private CsvProtector with(ProtectorSettings s) {
    return new CsvProtector(policy, ring, s);
  }

  @Override
  public String toString() {
    return "CsvProtector["
        + policy
        + ", "
        + settings.charset().name()
        + ", threads "
        + settings.threads()
        + "]";
  }
}
