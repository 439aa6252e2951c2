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
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Describes failures for stderr without data: our own messages (which never carry values) or the
 * exception type.
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
  static int fileCommand(
      Exception e, String name, Path policyFile, Path in, Path out, PrintWriter err) {
    if (e instanceof PolicyException) {
      err.println(name + ": " + policyFile + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (e instanceof CsvException) {
      CsvError code = ((CsvException) e).error();
      err.println(name + ": " + in + ": " + e.getMessage());
      if (code == CsvError.RISK_RULE_BROKEN) {
        return ExitCodes.RISK;
      }
      return code == CsvError.INVALID_VALUE
          ? ExitCodes.INVALID
          : code == CsvError.REVEAL_REFUSED ? ExitCodes.CRYPTO : ExitCodes.UNREADABLE;
    }
    if (e instanceof IllegalArgumentException) {
      err.println(name + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (e instanceof FileAlreadyExistsException) {
      err.println(
          name + ": output exists, not overwritten: " + ((FileAlreadyExistsException) e).getFile());
      return ExitCodes.UNWRITABLE;
    }
    if (e instanceof IOException && e.getCause() instanceof GeneralSecurityException) {
      err.println(name + ": " + in + ": the envelope was altered or truncated; nothing written");
      return ExitCodes.CRYPTO;
    }
    if (e instanceof FileSystemException
        && in.toString().equals(((FileSystemException) e).getFile())
        // a failure to read IN names one file; "OUT is IN" names two (the output refused)
        && ((FileSystemException) e).getOtherFile() == null) {
      err.println(name + ": " + in + ": cannot read (" + cause((IOException) e) + ")");
      return ExitCodes.UNREADABLE;
    }
    if (e instanceof NoSuchFileException) {
      // checked before the run, so the output's directory went away since: never name the temporary
      // file
      err.println(
          name
              + ": "
              + out
              + ": cannot write (output directory does not exist: "
              + Preflight.directoryOf(out)
              + ")");
      return ExitCodes.UNWRITABLE;
    }
    if (e instanceof IOException) {
      err.println(name + ": " + out + ": cannot write (" + cause((IOException) e) + ")");
      return ExitCodes.UNWRITABLE;
    }
    if (e instanceof GeneralSecurityException) {
      err.println(name + ": key error: " + e.getMessage());
      return ExitCodes.CRYPTO;
    }
    throw new IllegalStateException("unexpected failure", e);
  }

  /**
   * The operating system's reasons the JDK reports only as text (its {@code strerror}) and our own
   * (from {@code AtomicFile}), in the words we print. There is no exception type for them; the text
   * is matched case-insensitively, never echoed.
   */
  private static final String[] KNOWN_CAUSES = {
    "not a regular file",
    "is the input file; not overwritten",
    "no space left on device",
    "disk quota exceeded",
    "read-only file system",
    "is a directory",
    "not a directory",
    "permission denied",
    "operation not permitted",
    "broken pipe",
    "file too large",
    "too many open files",
    "input/output error",
    "no such file or directory",
  };

  /**
   * Names the cause of an I/O failure without data or file names: by exception type where the JDK
   * has one, else a known reason (e.g. {@code no space left on device}), else the exception type.
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
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    String reason =
        e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
    if (reason != null) {
      String lower = reason.toLowerCase(Locale.ROOT);
      for (String known : KNOWN_CAUSES) {
        if (lower.contains(known)) {
          return known; // only our fixed text is printed, never the message
        }
      }
    }
    return e.getClass().getSimpleName();
  }

  /** Names an I/O failure: the file it names, if any, and its cause; never the message. */
  static String io(IOException e) {
    String file = fileOf(e);
    return file == null ? cause(e) : file + ": " + cause(e);
  }

  /** The file an I/O failure names, if any. */
  static @Nullable String fileOf(IOException e) {
    return e instanceof FileSystemException ? ((FileSystemException) e).getFile() : null;
  }

  /**
   * Refuses {@code -} as a file argument of a command that needs files (exit 2): it would otherwise
   * create a file named {@code -}.
   *
   * @return true if refused (the message is printed)
   */
  static boolean refusesDash(String name, PrintWriter err, Path... files) {
    for (Path f : files) {
      if (f != null && f.toString().equals("-")) {
        err.println(
            name + ": '-' (standard input/output) is not supported by " + name + ": name a file");
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
