package io.github.nirguard.cli;

import io.github.nirguard.crypto.audit.AuditOperation;
import io.github.nirguard.crypto.audit.Auditor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/**
 * A command that maps each input line to one output line (tokenize, FPE): output stays line-aligned
 * (an empty line for a rejected input), and each rejection is reported on stderr by line number and
 * reason code, never by value.
 *
 * <pre>{@code
 * nir fpe encrypt --keys k.ring --insecure-kek-file kek.json --purpose lab-export < nirs.txt > hidden.txt
 * }</pre>
 *
 * @since 0.1.0
 */
abstract class LineCommand implements Callable<Integer> {
  /** A rejected line: a stable reason, and an optional 0-based position. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    final String reason;
    final int position;

    Rejected(String reason, int position) {
      super(reason, null, false, false);
      this.reason = reason;
      this.position = position;
    }
  }

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "-",
      paramLabel = "FILE",
      description = "Input file, one value per line, or - for standard input (default).")
  String file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Maps one line. */
  @FunctionalInterface
  interface Mapper {
    String apply(String line) throws Rejected;
  }

  /**
   * Prepares keys and engines and returns the line mapper; a failure here is reported as a key
   * error.
   */
  abstract Mapper open() throws IOException, GeneralSecurityException, Failure;

  /**
   * The audit options of a command that re-identifies ({@code --reason} required), or null. Its
   * {@link #open} sets {@link #auditPurpose} (and {@link #auditKeyId} when one key is used).
   */
  @Nullable AuditOptions auditOptions() {
    return null;
  }

  /** The key ring file, beside which the audit log goes by default. */
  @Nullable Path auditRing() {
    return null;
  }

  /** The operation recorded for a command with {@link #auditOptions}. */
  AuditOperation auditOperation() {
    throw new IllegalStateException("not an audited command");
  }

  /** Set by {@link #open} of an audited command. */
  String auditPurpose = "";

  /** Set by {@link #open} of an audited command when one key is used. */
  @Nullable Integer auditKeyId;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName();
    AuditOptions audit = auditOptions();
    Path ring = auditRing();
    Auditor auditor = null;
    Mapper mapper;
    try {
      if (audit != null && ring != null) {
        auditor = audit.auditor(ring, true);
      }
      mapper = open();
      if (audit != null && auditor != null && ring != null) {
        audit.ready(auditor, ring);
      }
    } catch (Failure f) {
      err.println(name + ": " + f.getMessage());
      return f.code;
    } catch (IOException e) {
      err.println(
          name + ": cannot read the key ring or KEK (" + e.getClass().getSimpleName() + ")");
      return ExitCodes.UNREADABLE;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // messages from our key code name purposes and kinds, never material
      err.println(name + ": key error: " + e.getMessage());
      return ExitCodes.CRYPTO;
    }
    long rejected = 0;
    long mapped = 0;
    try (Input in = Input.open(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        try {
          out.print(mapper.apply(line));
          mapped++;
        } catch (Rejected r) {
          rejected++;
          err.println(
              name
                  + ": line "
                  + in.line()
                  + ": "
                  + r.reason
                  + (r.position >= 0 ? " at column " + (r.position + 1) : ""));
        }
        out.print('\n');
        if (Stdout.failed(out)) {
          break;
        }
      }
    } catch (IOException e) {
      out.flush();
      err.println(name + ": " + Input.describe(e, file));
      Integer unrecorded = record(audit, auditor, ring, mapped, err, name);
      return unrecorded != null ? unrecorded : ExitCodes.UNREADABLE;
    }
    Integer unrecorded = record(audit, auditor, ring, mapped, err, name);
    if (unrecorded != null) {
      return unrecorded;
    }
    String failed = Stdout.failure(out);
    if (failed != null) {
      err.println(name + ": " + failed);
      return ExitCodes.UNWRITABLE;
    }
    return rejected == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }

  /**
   * Appends the run's audit record (the values released so far); returns null, or the exit code if
   * it could not be kept.
   */
  private @Nullable Integer record(
      @Nullable AuditOptions audit,
      @Nullable Auditor auditor,
      @Nullable Path ring,
      long count,
      PrintWriter err,
      String name) {
    if (audit == null || auditor == null || ring == null) {
      return null;
    }
    try {
      auditor.record(auditOperation(), auditPurpose, count, auditKeyId);
      return null;
    } catch (IOException e) {
      err.println(name + ": " + audit.failure(e, ring).getMessage());
      return ExitCodes.UNWRITABLE;
    }
  }
}
