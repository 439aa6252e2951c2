package io.github.nirguard.cli;

import io.github.nirguard.crypto.FileEnvelope;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.audit.AuditException;
import io.github.nirguard.crypto.audit.Auditor;
import io.github.nirguard.csv.CsvProtector;
import io.github.nirguard.csv.CsvSummary;
import io.github.nirguard.csv.Progress;
import io.github.nirguard.policy.ProtectionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir reveal}: for key holders, reverses a protected export — FPE and reversible tokens back
 * to NIRs, sealed fields opened; keyed tokens, generalized and dropped values stay as they are.
 * Reads encrypted (file envelope) or plain protected files.
 *
 * <pre>{@code
 * nir reveal --reason "ticket 4521" --policy lab-export.policy --keys keys.ring --insecure-kek-file dev-kek.json export.nirg export.revealed.csv
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "reveal",
    mixinStandardHelpOptions = true,
    description = {
      "Reverse what a policy made reversible (key holders only). Any refused value stops the run; nothing is written.",
      "Every row is checked against its row seal first: an edited, swapped,",
      "copied or moved cell or row, rows of another export, or a NIR whose",
      "recomputed token differs are refused (exit 5) with line and reason.",
      "FPE values are decrypted with the key that encrypted them (named in",
      "the row seal), whatever was rotated since.",
      "IN and OUT are files: '-' (standard input/output) is refused.",
      "Requires --reason: one record (who, why, purpose, rows) is appended to the audit log",
      "before OUT is renamed into place; if it cannot be, nothing is written (exit 4).",
    })
final class RevealCommand implements Callable<Integer> {
  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The policy the file was protected with.")
  Path policyFile;

  @Mixin KeyOptions keys;

  @Mixin AuditOptions audit;

  @Mixin ThreadsOption threads;

  @Option(
      names = "--charset",
      defaultValue = "UTF-8",
      paramLabel = "NAME",
      description = "Charset (default UTF-8).")
  String charset;

  @Option(
      names = "--keep-formulas",
      description = {
        "Write revealed cells verbatim. By default a cell a spreadsheet would run as a formula",
        "(starting with = + - @, a tab or CR, other than a plain number) gets a leading '.",
      })
  boolean keepFormulas;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress and no summary on stderr.")
  boolean quiet;

  @Parameters(
      index = "0",
      paramLabel = "IN",
      description = "Protected file (CSV or file envelope).")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output CSV (must not exist).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    int workers = threads.count(spec.commandLine()); // a usage error before anything is read
    PrintWriter err = spec.commandLine().getErr();
    String name = "nir reveal";
    if (Errors.refusesDash(name, err, in, out)) {
      return ExitCodes.USAGE;
    }
    Progress progress = Progress.NONE;
    try {
      Auditor auditor = audit.auditor(keys.keys, true);
      ProtectionPolicy policy = Preflight.policy(policyFile);
      KeyRing ring = keys.ring();
      Preflight.input(in);
      boolean envelope = FileEnvelope.readHeader(in).isPresent();
      Preflight.keysFor(policy, policyFile, ring, keys.keys, false, envelope);
      Preflight.output(out);
      audit.ready(auditor, keys.keys);
      progress = ProgressLine.forTerminal(err, Files.size(in), quiet);
      CsvProtector revealer =
          CsvProtector.create(policy, ring)
              .withCharset(Charset.forName(charset))
              .withProgress(progress)
              .withAudit(auditor)
              .withThreads(workers);
      if (keepFormulas) {
        revealer = revealer.insecureKeepFormulas();
      }
      CsvSummary s;
      if (envelope) {
        try (InputStream plain = FileEnvelope.create(ring, policy.purpose()).openVerified(in)) {
          s = revealer.reveal(plain, in, out);
        }
      } else {
        s = revealer.reveal(in, out);
      }
      ProgressLine.done(progress, err);
      if (!quiet) {
        err.printf(
            Locale.ROOT, "%s: %,d rows revealed in %,d ms%n", name, s.rowsWritten(), s.millis());
      }
      return ExitCodes.OK;
    } catch (Failure f) {
      err.println(name + ": " + f.getMessage());
      return f.code;
    } catch (AuditException e) {
      ProgressLine.done(progress, err);
      err.println(name + ": " + audit.failure(e, keys.keys).getMessage() + " (nothing written)");
      return ExitCodes.UNWRITABLE;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      ProgressLine.done(progress, err);
      if (!(e instanceof IllegalArgumentException) && e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      return Errors.fileCommand(e, name, policyFile, in, out, err);
    }
  }
}
