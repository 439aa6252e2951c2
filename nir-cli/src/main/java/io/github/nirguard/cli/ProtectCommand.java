package io.github.nirguard.cli;

import io.github.nirguard.crypto.FileEnvelope;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.RecipientEnvelope;
import io.github.nirguard.csv.CsvProtector;
import io.github.nirguard.csv.CsvSummary;
import io.github.nirguard.csv.Progress;
import io.github.nirguard.policy.OnInvalid;
import io.github.nirguard.policy.ProtectionPolicy;
import io.github.nirguard.risk.GeneralisationPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir protect}: applies a protection policy to a CSV export, optionally inside a file
 * envelope; nothing half-written, the input never overwritten.
 *
 * <pre>{@code
 * nir protect --policy lab-export.policy --keys keys.ring --insecure-kek-file dev-kek.json --encrypt export.csv export.nirg
 * nir protect --policy lab-export.policy --keys keys.ring --insecure-kek-file dev-kek.json --encrypt --to lab.pub.json export.csv export.nirg
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "protect",
    mixinStandardHelpOptions = true,
    description = {
      "Protect a CSV export with a policy: tokens, FPE, sealed fields,",
      "generalized dates, dropped columns.",
      "Rejected rows and dropped values are listed (line, column, reason,",
      "action; never values) in --report, a new file that is none of the",
      "other arguments. IN, OUT and --report are files:",
      "'-' (standard input/output) is refused.",
      "Anything reversible (fpe, reversible-token, seal) gets a row seal",
      "(_sealed; needs a 'record' keyset): it names the keys used and binds",
      "each row's cells, so a reveal refuses edited, swapped or moved cells.",
      "A protected CSV without --encrypt has no whole-file integrity: rows",
      "cut from its end go unnoticed.",
      "A policy with 'require k >= N' or 'require l >= N for COLUMN' measures the",
      "risk of what it writes (as 'nir risk' does) and, if a rule is broken, writes",
      "nothing and exits 6, naming the quasi-identifier combination.",
      "A policy with 'generalize:FROM..TO' columns (or 'generalize:auto') or",
      "'suppress-outliers up to P%%' reads IN twice: first to choose the least",
      "rungs that reach k (and the outlier rows to leave out, listed in --report",
      "as RISK_SUPPRESSED), then to protect; the summary names the rungs chosen.",
      "If no rungs reach k within the cap, nothing is written (exit 6).",
      "Exit codes: 0 done, 1 rows rejected or values dropped (file written),",
      "2 usage or policy error, 6 a require rule broken (nothing written);",
      "others: see 'nir --help'.",
    })
final class ProtectCommand implements Callable<Integer> {
  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "Protection policy file.")
  Path policyFile;

  @Mixin KeyOptions keys;

  @Mixin ThreadsOption threads;

  @Option(
      names = "--encrypt",
      description =
          "Wrap the output in a file envelope (needs a 'file' keyset for the purpose), or with"
              + " --to in a recipient envelope.")
  boolean encrypt;

  @Option(
      names = "--to",
      paramLabel = "PUBLIC-KEY",
      description =
          "Encrypt for a recipient's public key file ('nir keys export-public'; implies --encrypt,"
              + " needs no 'file' keyset); repeat for several recipients. Only they can decrypt.")
  java.util.List<Path> to = new java.util.ArrayList<>();

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Where to list rejected rows (CSV: line,column,reason); must not exist.")
  Path report;

  @Option(
      names = "--on-invalid",
      paramLabel = "STRATEGY",
      description = "Override the policy: reject, drop-value or stop.")
  String onInvalid;

  @Option(
      names = "--charset",
      defaultValue = "UTF-8",
      paramLabel = "NAME",
      description = "Input and output charset (default UTF-8).")
  String charset;

  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      description = "Field delimiter (default: detected, ';' or ',').")
  Character delimiter;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress and no summary on stderr.")
  boolean quiet;

  @Parameters(index = "0", paramLabel = "IN", description = "Input CSV.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Output file (must not exist).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    int workers = threads.count(spec.commandLine()); // a usage error before anything is read
    PrintWriter err = spec.commandLine().getErr();
    String name = "nir protect";
    if (Errors.refusesDash(name, err, in, out, report)) {
      return ExitCodes.USAGE;
    }
    if (report != null) {
      Map<String, Path> others = new LinkedHashMap<>();
      others.put("IN", in);
      others.put("OUT", out);
      others.put("--policy", policyFile);
      others.put("--keys", keys.keys);
      others.put(keys.kek.fileOption(), keys.kek.cleartextFile());
      for (Map.Entry<String, Path> o : others.entrySet()) {
        if (Errors.sameFile(report, o.getValue())) {
          err.println(
              name + ": --report " + report + ": is also " + o.getKey() + "; not overwritten");
          return ExitCodes.UNWRITABLE;
        }
      }
      if (Files.exists(report, LinkOption.NOFOLLOW_LINKS)) {
        err.println(name + ": --report " + report + ": exists, not overwritten");
        return ExitCodes.UNWRITABLE;
      }
    }
    Progress progress = Progress.NONE;
    boolean encrypted = encrypt || !to.isEmpty();
    try {
      ProtectionPolicy policy = Preflight.policy(policyFile);
      if (onInvalid != null) {
        policy = policy.withOnInvalid(OnInvalid.named(onInvalid));
      }
      KeyRing ring = keys.ring();
      Preflight.keysFor(policy, policyFile, ring, keys.keys, true, encrypt && to.isEmpty());
      RecipientEnvelope recipients =
          to.isEmpty() ? null : RecipientEnvelope.to(EncryptCommand.publicKeys(to));
      Preflight.input(in);
      Preflight.output(out);
      if (report != null) {
        Preflight.output(report);
      }
      progress = ProgressLine.forTerminal(err, Files.size(in), quiet);
      CsvProtector protector =
          CsvProtector.create(policy, ring)
              .withCharset(Charset.forName(charset))
              .withProgress(progress)
              .withThreads(workers);
      if (delimiter != null) {
        protector = protector.withDelimiter(delimiter);
      }
      if (policy.needsPlan()) {
        GeneralisationPlan plan = protector.plan(in);
        if (!quiet && plan.feasible()) {
          ProgressLine.done(progress, err);
          err.println(name + ": " + plan.describe());
        }
        protector = protector.withPlan(plan);
      }
      CsvSummary s;
      if (recipients != null) {
        s =
            protector.protect(
                in, out, report, sink -> recipients.encryptingStream(sink, "text/csv"));
      } else if (encrypt) {
        FileEnvelope envelope = FileEnvelope.create(ring, policy.purpose());
        s = protector.protect(in, out, report, sink -> envelope.encryptingStream(sink, "text/csv"));
      } else {
        s = protector.protect(in, out, report, o -> o);
      }
      ProgressLine.done(progress, err);
      boolean invalid = s.rowsRejected() > 0 || s.valuesDropped() > 0;
      if (!quiet) {
        err.printf(
            Locale.ROOT,
            "%s: %,d rows protected, %,d rejected, %,d invalid values dropped%s%s, in %,d ms (%,.0f rows/s)%s%n",
            name,
            s.rowsWritten(),
            s.rowsRejected(),
            s.valuesDropped(),
            s.rowsSuppressed() > 0
                ? String.format(Locale.ROOT, ", %,d suppressed as outliers", s.rowsSuppressed())
                : "",
            report != null && (invalid || s.rowsSuppressed() > 0) ? " (see " + report + ")" : "",
            s.millis(),
            s.rowsPerSecond(),
            recipients != null
                ? ", encrypted for " + to.size() + (to.size() == 1 ? " recipient" : " recipients")
                : encrypted ? ", encrypted" : "");
      }
      if (!policy.clearIdentifiers().isEmpty()) { // even under --quiet: it is the policy's choice
        err.printf(
            Locale.ROOT,
            "%s: WARNING: direct identifiers written IN CLEAR (allow-clear in the policy): %s%n",
            name,
            String.join(", ", policy.clearIdentifiers()));
      }
      return invalid ? ExitCodes.INVALID : ExitCodes.OK;
    } catch (Failure f) {
      err.println(name + ": " + f.getMessage());
      return f.code;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      ProgressLine.done(progress, err);
      if (!(e instanceof IllegalArgumentException) && e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      return Errors.fileCommand(e, name, policyFile, in, out, err);
    }
  }
}
