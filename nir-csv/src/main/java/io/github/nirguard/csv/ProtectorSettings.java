package io.github.nirguard.csv;

import io.github.nirguard.crypto.audit.Auditor;
import io.github.nirguard.risk.GeneralisationPlan;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link CsvProtector} reads, writes and runs — everything but its policy and keys: each
 * {@code with} method returns a copy with one setting changed, as the protector's do.
 *
 * @param charset the charset read and written
 * @param delimiter the delimiter, or null to detect it from the header line
 * @param progress the progress listener
 * @param keepFormulas whether revealed cells are written verbatim, formulas included
 * @param threads the worker threads, 1 to {@link CsvProtector#MAX_THREADS}
 * @param auditor who reveals and why, or null: reveals are not audited
 * @param plan the least-generalisation plan protection follows, or null
 */
record ProtectorSettings(
    Charset charset,
    @Nullable Character delimiter,
    Progress progress,
    boolean keepFormulas,
    int threads,
    @Nullable Auditor auditor,
    @Nullable GeneralisationPlan plan) {

  /**
   * UTF-8, delimiter detected, no progress, formulas neutralised, one thread, no audit, no plan.
   */
  static final ProtectorSettings DEFAULTS =
      new ProtectorSettings(StandardCharsets.UTF_8, null, Progress.NONE, false, 1, null, null);

  ProtectorSettings withCharset(Charset cs) {
    return new ProtectorSettings(cs, delimiter, progress, keepFormulas, threads, auditor, plan);
  }

  ProtectorSettings withDelimiter(char d) {
    return new ProtectorSettings(charset, d, progress, keepFormulas, threads, auditor, plan);
  }

  ProtectorSettings withProgress(Progress p) {
    return new ProtectorSettings(charset, delimiter, p, keepFormulas, threads, auditor, plan);
  }

  ProtectorSettings withKeepFormulas() {
    return new ProtectorSettings(charset, delimiter, progress, true, threads, auditor, plan);
  }

  ProtectorSettings withAuditor(Auditor a) {
    return new ProtectorSettings(charset, delimiter, progress, keepFormulas, threads, a, plan);
  }

  ProtectorSettings withThreads(int n) {
    return new ProtectorSettings(charset, delimiter, progress, keepFormulas, n, auditor, plan);
  }

  ProtectorSettings withPlan(GeneralisationPlan p) {
    return new ProtectorSettings(charset, delimiter, progress, keepFormulas, threads, auditor, p);
  }

  /** A run of the streaming core with these settings. */
  Pipeline pipeline() {
    return new Pipeline(charset, delimiter, progress, threads);
  }

  @Override
  public String toString() {
    return "ProtectorSettings[" + charset.name() + ", threads " + threads + "]";
  }
}
