package io.github.nirguard.cli;

import io.github.nirguard.crypto.audit.AuditAnchor;
import io.github.nirguard.crypto.audit.AuditException;
import io.github.nirguard.crypto.audit.AuditLog;
import io.github.nirguard.crypto.audit.AuditVerification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nir audit verify|head}: checks the hash chain of an audit log, and prints its anchor.
 *
 * <pre>{@code
 * nir audit head keys.ring.audit                        # 42:3fa1…, keep it elsewhere
 * nir audit verify --anchor 42:3fa1… keys.ring.audit    # exit 0: intact
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Check the audit log of re-identifications and key operations.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Head.class})
final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify an audit log: every record intact, in order, chained to the one before.",
        "Finds an edited, deleted, inserted, reordered or copied record and a file cut inside",
        "a line (exit 5, with the line and the reason). Records cut from the end, or a chain",
        "rewritten from an edited record on, show only against an anchor kept elsewhere",
        "(--anchor, from 'nir audit head'). Prints the record count and the head's anchor.",
      })
  static final class Verify implements Callable<Integer> {
    @Option(
        names = "--anchor",
        paramLabel = "SEQ:HASH",
        description = "A record's anchor, as 'nir audit head' printed it: it must still be there.")
    @Nullable String anchor;

    @Parameters(index = "0", paramLabel = "FILE", description = "The audit log.")
    Path file;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      String name = spec.qualifiedName();
      AuditAnchor a = null;
      if (anchor != null) {
        try {
          a = AuditAnchor.parse(anchor);
        } catch (IllegalArgumentException e) {
          err.println(name + ": --anchor: " + e.getMessage());
          return ExitCodes.USAGE;
        }
      }
      AuditVerification v;
      try {
        v = AuditLog.verify(file, a);
      } catch (IOException e) {
        err.println(name + ": " + file + ": " + unreadable(e));
        return ExitCodes.UNREADABLE;
      }
      if (!v.ok()) {
        AuditVerification.Problem p = v.problem().orElseThrow();
        err.println(name + ": " + file + ": line " + v.line() + ": " + p + " (" + explain(p) + ")");
        return ExitCodes.CRYPTO;
      }
      spec.commandLine()
          .getOut()
          .println(
              "intact: "
                  + v.records()
                  + " records, head "
                  + v.head().orElseThrow()
                  + (a == null ? "" : ", anchor found"));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "head",
      mixinStandardHelpOptions = true,
      description = {
        "Print the anchor of the log's last record (SEQ:HASH). Keep it where the log's writers",
        "cannot write, then 'nir audit verify --anchor' finds records cut from the end.",
      })
  static final class Head implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The audit log.")
    Path file;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try {
        spec.commandLine().getOut().println(AuditLog.at(file).head());
        return ExitCodes.OK;
      } catch (AuditException e) {
        err.println(spec.qualifiedName() + ": " + file + ": " + e.getMessage());
        return ExitCodes.CRYPTO;
      } catch (IOException e) {
        err.println(spec.qualifiedName() + ": " + file + ": " + unreadable(e));
        return ExitCodes.UNREADABLE;
      }
    }
  }

  static String explain(AuditVerification.Problem p) {
    switch (p) {
      case NOT_AN_AUDIT_LOG:
        return "not a nirguard audit log, or its header was edited";
      case MALFORMED:
        return "not a record: edited";
      case INCOMPLETE:
        return "the file ends inside a record: cut, or a write that never completed";
      case SEQUENCE:
        return "sequence number out of order: a record deleted, moved or copied";
      case CHAIN:
        return "does not chain to the record before: reordered, deleted or from another log";
      case HASH:
        return "the record does not match its hash: edited";
      case TRUNCATED:
        return "the log ends before the anchor's record: records were cut from its end";
      case ANCHOR_MISMATCH:
        return "the anchor's record has another hash: the log was rewritten";
    }
    return p.name();
  }

  private static String unreadable(IOException e) {
    return e instanceof NoSuchFileException
        ? "no such file"
        : "cannot read (" + Errors.cause(e) + ")";
  }
}
