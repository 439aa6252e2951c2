package io.github.nirguard.cli;

import io.github.nirguard.csv.CsvError;
import io.github.nirguard.csv.CsvException;
import io.github.nirguard.policy.PolicyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * Describes failures for stderr without data: our own messages (which never carry values) or
 * the exception type.
 *
 * <pre>{@code
 * err.println("nir protect: " + Errors.io(e));
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
  static int fileCommand(Exception e, String name, Path policyFile, Path in, PrintWriter err) {
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
    if (e instanceof NoSuchFileException) {
      err.println(name + ": no such file: " + ((NoSuchFileException) e).getFile());
      return ExitCodes.UNREADABLE;
    }
    if (e instanceof IOException && e.getCause() instanceof GeneralSecurityException) {
      err.println(name + ": " + in + ": the envelope was altered or truncated; nothing written");
      return ExitCodes.CRYPTO;
    }
    if (e instanceof IOException) {
      err.println(name + ": " + io((IOException) e));
      return ExitCodes.UNWRITABLE;
    }
    if (e instanceof GeneralSecurityException) {
      err.println(name + ": key error: " + e.getMessage());
      return ExitCodes.CRYPTO;
    }
    throw new IllegalStateException("unexpected failure", e);
  }

  static String io(IOException e) {
    String m = e.getMessage();
    if (m != null && m.startsWith("refusing to overwrite the input")) {
      return m;
    }
    String file = fileOf(e);
    return file == null ? cause(e) : file + ": " + cause(e);
  }

  /** Operating-system reasons we name; anything else is named by exception type. */
  private static final String[] KNOWN_CAUSES = {
    "not a regular file", "no space left on device", "disk quota exceeded", "read-only file system",
    "is a directory", "not a directory", "permission denied", "operation not permitted", "file too large",
    "input/output error", "too many open files",
  };

  /**
   * Names the cause of an I/O failure without its message (which may carry data): no such file,
   * permission denied, no space left on device, not a regular file... or the exception type.
   */
  static String cause(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "exists, not overwritten";
    }
    String m = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
    if (m != null) {
      String lower = m.toLowerCase(Locale.ROOT);
      for (String known : KNOWN_CAUSES) {
        if (lower.contains(known)) {
          return known; // only our fixed text is printed, never the message
        }
      }
    }
    return "I/O error (" + e.getClass().getSimpleName() + ")";
  }

  /** The file an I/O failure names, if any. */
  static String fileOf(IOException e) {
    return e instanceof FileSystemException ? ((FileSystemException) e).getFile() : null;
  }

  /**
   * Refuses {@code -} as a file argument of a command that needs files (exit 2): it would
   * otherwise create a file named {@code -}.
   *
   * @return true if refused (the message is printed)
   */
  static boolean refusesDash(String name, PrintWriter err, Path... files) {
    for (Path f : files) {
      if (f != null && f.toString().equals("-")) {
        err.println(name + ": '-' (standard input/output) is not supported by " + name + ": name a file");
        return true;
      }
    }
    return false;
  }

  /** Whether two paths name the same file (by path, or by link when both exist). */
  static boolean sameFile(Path a, Path b) {
    if (a == null || b == null) {
      return false;
    }
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
