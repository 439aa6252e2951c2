package io.github.nirguard.cli;

import io.github.nirguard.csv.CsvError;
import io.github.nirguard.csv.CsvException;
import io.github.nirguard.policy.PolicyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Describes failures for stderr without data: our own messages (which never carry values) or
 * the exception type.
 *
 * <pre>{@code
 * err.println("nir protect: " + out + ": cannot write (" + Errors.cause(e) + ")");   // no space left on device
 * }</pre>
 *
 * @since 0.1.0
 */
final class Errors {
  private Errors() {}

  /**
   * Reports a failure of a file command (protect, reveal) on stderr and returns its exit code:
   * policy mistakes are usage errors, malformed input is unreadable, refused values and keys are
   * crypto errors — each named by path, code and line, never by value.
   */
  static int fileCommand(Exception e, String name, Path policyFile, Path in, Path out, PrintWriter err) {
    if (e instanceof PolicyException) {
      err.println(name + ": " + policyFile + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (e instanceof CsvException) {
      CsvError code = ((CsvException) e).error();
      err.println(name + ": " + in + ": " + e.getMessage());
      return code == CsvError.INVALID_VALUE ? ExitCodes.INVALID : code == CsvError.REVEAL_REFUSED ? ExitCodes.CRYPTO : ExitCodes.UNREADABLE;
    }
    if (e instanceof IllegalArgumentException) {
      err.println(name + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (e instanceof FileAlreadyExistsException) {
      err.println(name + ": output exists, not overwritten: " + ((FileAlreadyExistsException) e).getFile());
      return ExitCodes.UNWRITABLE;
    }
    if (e instanceof IOException && e.getCause() instanceof GeneralSecurityException) {
      err.println(name + ": " + in + ": the envelope was altered or truncated; nothing written");
      return ExitCodes.CRYPTO;
    }
    if (e instanceof FileSystemException && in.toString().equals(((FileSystemException) e).getFile())) {
      err.println(name + ": " + in + ": cannot read (" + cause((IOException) e) + ")");
      return ExitCodes.UNREADABLE;
    }
    if (e instanceof NoSuchFileException) {
      // checked before the run, so the output's directory went away since: never name the temporary file
      err.println(name + ": " + out + ": cannot write (output directory does not exist: " + Preflight.directoryOf(out) + ")");
      return ExitCodes.UNWRITABLE;
    }
    if (e instanceof IOException) {
      String m = e.getMessage();
      if (m != null && m.startsWith("refusing to overwrite the input")) {
        err.println(name + ": " + m);
      } else {
        err.println(name + ": " + out + ": cannot write (" + cause((IOException) e) + ")");
      }
      return ExitCodes.UNWRITABLE;
    }
    if (e instanceof GeneralSecurityException) {
      err.println(name + ": key error: " + e.getMessage());
      return ExitCodes.CRYPTO;
    }
    throw new IllegalStateException("unexpected failure", e);
  }

  /**
   * The operating system's reasons the JDK reports only as text (its {@code strerror}), in the
   * words we print. There is no exception type for them; the text is matched, never echoed.
   */
  private static final String[][] OS_REASONS = {
    {"No space left on device", "no space left on device"},
    {"Disk quota exceeded", "disk quota exceeded"},
    {"Is a directory", "is a directory"},
    {"Not a directory", "not a directory"},
    {"Permission denied", "permission denied"},
    {"Operation not permitted", "operation not permitted"},
    {"Read-only file system", "read-only file system"},
    {"Broken pipe", "broken pipe"},
    {"File too large", "file too large"},
    {"Too many open files", "too many open files"},
    {"Input/output error", "input/output error"},
    {"No such file or directory", "no such file or directory"},
  };

  /**
   * Names the cause of an I/O failure without data or file names: by exception type where the
   * JDK has one, else the operating system's reason (e.g. {@code no space left on device}), else
   * the exception type.
   */
  static String cause(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
    if (reason != null) {
      for (String[] r : OS_REASONS) {
        if (reason.contains(r[0])) {
          return r[1];
        }
      }
    }
    return e.getClass().getSimpleName();
  }
}
