package io.github.nirguard.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A companion to {@link RiskBenchmark} for a loaded machine: on the same table (the benchmark's own
 * setup, which checks that all give the same figures), alternates {@code RiskMeter} (one thread,
 * the default), the naive map and {@code RiskMeter} with its opt-in second thread, and reports the
 * medians of wall time and of the <em>process's</em> CPU time per pass (the collector's threads
 * included: the naive map's garbage is part of its cost), with the load average before each pass.
 * The first round is warm-up. JMH remains the measure; this only steadies the ratio when neighbours
 * take the cores.
 *
 * <pre>{@code
 * java -Xms8g -Xmx8g -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     io.github.nirguard.benchmarks.RiskCpuCheck 10000000 4
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RiskCpuCheck {
  private RiskCpuCheck() {}

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  /** One timed pass: {wall ms, process CPU ms}. */
  private interface Pass {
    long run() throws IOException;
  }

  private static double[] time(Pass p) throws IOException {
    System.gc();
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    long sink = p.run();
    long t1 = System.nanoTime();
    long c1 = cpuNanos();
    if (sink == Long.MIN_VALUE) {
      System.out.println("unlikely");
    }
    return new double[] {(t1 - t0) / 1e6, (c1 - c0) / 1e6};
  }

  /**
   * Runs the check.
   *
   * @param args the rows (default 1,000,000) and the rounds (default 4, the first a warm-up)
   * @throws IOException if the meter's runs cannot be written
   */
  public static void main(String[] args) throws IOException {
    RiskBenchmark b = new RiskBenchmark();
    b.rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    b.setUp();
    List<Double> oursWall = new ArrayList<>();
    List<Double> oursCpu = new ArrayList<>();
    List<Double> oneWall = new ArrayList<>();
    List<Double> oneCpu = new ArrayList<>();
    List<Double> naiveWall = new ArrayList<>();
    List<Double> naiveCpu = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      String before = load();
      double[] o = time(b::riskMeter);
      double[] n = time(b::naiveHashMap);
      double[] s = time(b::riskMeterSecondThread);
      System.out.printf(
          Locale.ROOT,
          "round %d%s: RiskMeter %.0f ms wall, %.0f ms CPU; naive %.0f ms wall, %.0f ms CPU;"
              + " RiskMeter with a second thread %.0f ms wall, %.0f ms CPU; load %s%n",
          r,
          r == 0 ? " (warm-up)" : "",
          o[0],
          o[1],
          n[0],
          n[1],
          s[0],
          s[1],
          before);
      if (r > 0) {
        oursWall.add(o[0]);
        oursCpu.add(o[1]);
        naiveWall.add(n[0]);
        naiveCpu.add(n[1]);
        oneWall.add(s[0]);
        oneCpu.add(s[1]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%,d rows, medians: RiskMeter %.0f ms wall, %.0f ms CPU; second thread %.0f ms wall, %.0f ms"
            + " CPU; naive %.0f ms wall, %.0f ms CPU; naive/RiskMeter %.2fx wall, %.2fx CPU;"
            + " naive/second thread %.2fx wall, %.2fx CPU; load %s%n",
        b.rows,
        median(oursWall),
        median(oursCpu),
        median(oneWall),
        median(oneCpu),
        median(naiveWall),
        median(naiveCpu),
        median(naiveWall) / median(oursWall),
        median(naiveCpu) / median(oursCpu),
        median(naiveWall) / median(oneWall),
        median(naiveCpu) / median(oneCpu),
        load());
  }
}
