package io.github.nirguard.cli;

import io.github.nirguard.csv.Progress;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr for a terminal: rows, rows/s and, when the input size is known, an ETA.
 *
 * <pre>{@code
 * Progress p = ProgressLine.forTerminal(err, Files.size(in), quiet);
 * }</pre>
 *
 * @since 0.1.0
 */
final class ProgressLine implements Progress {
  private final PrintWriter err;
  private final long totalBytes;
  private final long start = System.nanoTime();
  private long lastPrint;

  private ProgressLine(PrintWriter err, long totalBytes) {
    this.err = err;
    this.totalBytes = totalBytes;
  }

  /** Returns a progress line when stderr is a terminal and not quiet, else nothing. */
  static Progress forTerminal(PrintWriter err, long totalBytes, boolean quiet) {
    return quiet || !interactive() ? Progress.NONE : new ProgressLine(err, totalBytes);
  }

  /**
   * Whether the JVM runs on a terminal. On JDK 17-21 and 25+ that is {@code System.console() !=
   * null}; on JDK 22-24 System.console() is never null (Error Prone's SystemConsoleNull) and only
   * {@code Console.isTerminal()} (JDK 22+, hence called reflectively) tells.
   */
  @SuppressWarnings("SystemConsoleNull") // handled: null on 17-21 and 25+, isTerminal() on 22-24
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 17-21: a console is a terminal
    }
  }

  @Override
  public void update(long rows, long bytesRead) {
    long now = System.nanoTime();
    if (now - lastPrint < 250_000_000L) {
      return;
    }
    lastPrint = now;
    double seconds = (now - start) / 1e9;
    double rate = rows / Math.max(seconds, 1e-9);
    String eta = "";
    if (totalBytes > 0 && bytesRead > 0) {
      double remaining = seconds * (totalBytes - bytesRead) / bytesRead;
      eta = String.format(Locale.ROOT, "  ETA %.0f s", Math.max(0, remaining));
    }
    err.printf(Locale.ROOT, "\r%,d rows  %,.0f rows/s%s   ", rows, rate, eta);
    err.flush();
  }

  /** Clears the line (call once done). */
  static void done(Progress p, PrintWriter err) {
    if (p instanceof ProgressLine) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
