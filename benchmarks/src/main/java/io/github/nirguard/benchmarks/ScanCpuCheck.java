package io.github.nirguard.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A companion to {@link ScanBenchmark} for a loaded machine: on the benchmark's own text, the
 * scanner's {@code count} and the regular-expression peer take turns on one thread of one JVM, a
 * few tens of milliseconds each (ten scanner calls, then one regex call), and this thread's CPU
 * time is read around each turn. Neighbours then slow both sides alike, and the time this thread
 * waits for a core is not counted. Prints the median and quartiles per call of each and the ratio
 * of the medians, with the load average before and after. Turns are warm-up until 10 s have passed
 * and this thread has run for 5 s (on a loaded machine the second takes longer). JMH remains the
 * measure; this only steadies the ratio when other work takes the cores. The regex's garbage is
 * collected by other threads, whose CPU time is not counted (a few hundred bytes a call).
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     io.github.nirguard.benchmarks.ScanCpuCheck none 200
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ScanCpuCheck {
  private static final int SCANNER_CALLS = 10;
  private static final long WARM_UP_NANOS = 10_000_000_000L;
  private static final long WARM_UP_CPU_NANOS = 5_000_000_000L;

  private ScanCpuCheck() {}

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  private static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }

  /**
   * Runs the check.
   *
   * @param args the text ({@code few}, {@code none} or {@code prose}; default {@code none}) and the
   *     measured turns of each (default 200)
   */
  public static void main(String[] args) {
    ScanBenchmark b = new ScanBenchmark();
    b.text = args.length > 0 ? args[0] : "none";
    int turns = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    b.setup();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] scanner = new double[turns];
    double[] regex = new double[turns];
    long sink = 0;
    String before = load();
    long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
    long warmUpCpuEnd = threads.getCurrentThreadCpuTime() + WARM_UP_CPU_NANOS;
    int warmUpTurns = 0;
    for (int t = -1; t < turns; t++) {
      long c0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < SCANNER_CALLS; i++) {
        sink += b.scannerCount();
      }
      long c1 = threads.getCurrentThreadCpuTime();
      sink += b.regexCount();
      long c2 = threads.getCurrentThreadCpuTime();
      if (t < 0) {
        warmUpTurns++;
        if (System.nanoTime() < warmUpEnd || c2 < warmUpCpuEnd) {
          t = -2; // still warming up: turn -1 again
        }
        continue;
      }
      scanner[t] = (c1 - c0) / 1e6 / SCANNER_CALLS;
      regex[t] = (c2 - c1) / 1e6;
    }
    double s = quantile(scanner, 0.5);
    double r = quantile(regex, 0.5);
    System.out.printf(
        Locale.ROOT,
        "text=%s, %d turns after %d of warm-up; CPU ms per call, median [q1, q3]:%n"
            + "  scannerCount %.3f [%.3f, %.3f]%n"
            + "  regexCount   %.3f [%.3f, %.3f]%n"
            + "  regex / scanner %.2fx; load before %s, after %s (sink %d)%n",
        b.text,
        turns,
        warmUpTurns,
        s,
        quantile(scanner, 0.25),
        quantile(scanner, 0.75),
        r,
        quantile(regex, 0.25),
        quantile(regex, 0.75),
        r / s,
        before,
        load(),
        sink);
  }
}
