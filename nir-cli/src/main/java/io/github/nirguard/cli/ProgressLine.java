package io.github.nirguard.cli;

import io.github.nirguard.csv.Progress;
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
    return quiet || System.console() == null ? Progress.NONE : new ProgressLine(err, totalBytes);
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
