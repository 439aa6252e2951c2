package io.github.nirguard.cli;

import io.github.nirguard.csv.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Progress on stderr for a terminal: rows, rows/s and, when the input size is known, an ETA. Only
 * status goes to stderr, never data; an error ends the progress line first ({@link #done}) so it
 * stands on its own line.
 *
 * <p>Shown when stderr is a terminal; the system property {@code nirguard.progress} ({@code always}
 * or {@code never}, e.g. in {@code JAVA_OPTS}) overrides the detection.
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
  private boolean shown;

  private ProgressLine(PrintWriter err, long totalBytes) {
    this.err = err;
    this.totalBytes = totalBytes;
  }

  /** Returns a progress line when stderr is a terminal and not quiet, else nothing. */
  static Progress forTerminal(PrintWriter err, long totalBytes, boolean quiet) {
    return quiet || !wanted(2) ? Progress.NONE : new ProgressLine(err, totalBytes);
  }

  /**
   * Returns a progress line for a command whose data goes to stdout: only when stdout is not the
   * same terminal (the progress would be mixed with the data).
   */
  static Progress forTerminalBesideData(PrintWriter err, long totalBytes) {
    String forced = System.getProperty("nirguard.progress", "auto");
    boolean stdoutIsTerminal = !forced.equals("always") && isTerminal(1);
    return stdoutIsTerminal ? Progress.NONE : forTerminal(err, totalBytes, false);
  }

  private static boolean wanted(int fd) {
    String forced = System.getProperty("nirguard.progress", "auto");
    if (forced.equals("always")) {
      return true;
    } else if (forced.equals("never")) {
      return false;
    }
    return isTerminal(fd);
  }

  /** Whether a standard stream is a terminal: from /proc where there is one, else the console. */
  static boolean isTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  @Override
  public void update(long rows, long bytesRead) {
    long now = System.nanoTime();
    if (shown && now - lastPrint < 250_000_000L) {
      return;
    }
    lastPrint = now;
    shown = true;
    double seconds = (now - start) / 1e9;
    double rate = rows / Math.max(seconds, 1e-9);
    String eta = "";
    if (totalBytes > 0 && bytesRead > 0) {
      double remaining = seconds * (totalBytes - bytesRead) / bytesRead;
      eta =
          String.format(
              Locale.ROOT,
              "  %d%%  ETA %.0f s",
              Math.min(100, bytesRead * 100 / totalBytes),
              Math.max(0, remaining));
    }
    err.printf(Locale.ROOT, "\r%,d rows  %,.0f rows/s%s   ", rows, rate, eta);
    err.flush();
  }

  /** Clears the line, if one was shown: call once done, and before printing an error. */
  static void done(Progress p, PrintWriter err) {
    if (p instanceof ProgressLine && ((ProgressLine) p).shown) {
      ((ProgressLine) p).shown = false;
      err.print("\r\033[K");
      err.flush();
    }
  }
}
