package io.github.nirguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A companion to {@link PipelineBenchmark} for a loaded machine: protects the same in-memory export
 * with 1 and with 2 worker threads in alternating runs and reports, per run, the CPU time of the
 * whole process (every thread: the calling one, the workers, the JIT and the collector) and of the
 * calling thread alone, besides the wall time. A neighbour's load stretches wall time, much less
 * CPU time: where the 2-thread runs spend no more CPU than the 1-thread runs and the calling thread
 * holds a small share, the workers have the rest to share on an idle machine. The bound printed is
 * what an idle 2-core machine could reach at best: the 1-thread CPU over the larger of the calling
 * thread's CPU and half the 2-thread CPU. The first third of the rounds is warm-up. JMH remains the
 * measure of wall time.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     io.github.nirguard.benchmarks.PipelineCpuCheck 400000 12
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PipelineCpuCheck {
  private PipelineCpuCheck() {}

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** The collectors' accumulated time so far, in milliseconds. */
  private static long gcMillis() {
    long t = 0;
    for (java.lang.management.GarbageCollectorMXBean b :
        ManagementFactory.getGarbageCollectorMXBeans()) {
      t += Math.max(0, b.getCollectionTime());
    }
    return t;
  }

  /**
   * Runs the check.
   *
   * @param args the rows (default 400000), then the rounds (default 12)
   * @throws Exception if a setup check fails
   */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    PipelineBenchmark[] sides = new PipelineBenchmark[2];
    for (int t = 1; t <= 2; t++) {
      PipelineBenchmark b = new PipelineBenchmark();
      b.rows = rows;
      b.policy = "bundled";
      b.threads = t;
      b.setup();
      sides[t - 1] = b;
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Double>> main = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Double>> wall = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Double>> gc = List.of(new ArrayList<>(), new ArrayList<>());
    long written = 0;
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        int s = (r + k) % 2; // each side first in turn
        long c0 = os.getProcessCpuTime();
        long m0 = threads.getCurrentThreadCpuTime();
        long g0 = gcMillis();
        long w0 = System.nanoTime();
        written += sides[s].nirguard();
        double g = (gcMillis() - g0) / 1e3;
        double w = (System.nanoTime() - w0) / 1e9;
        double m = (threads.getCurrentThreadCpuTime() - m0) / 1e9;
        double c = (os.getProcessCpuTime() - c0) / 1e9;
        System.out.printf(
            "round %d, %d thread(s): wall %.2f s, process cpu %.2f s, calling thread cpu %.2f s,"
                + " collector %.3f s%n",
            r + 1, s + 1, w, c, m, g);
        if (r >= rounds / 3) {
          cpu.get(s).add(c);
          main.get(s).add(m);
          wall.get(s).add(w);
          gc.get(s).add(g);
        }
      }
    }
    for (int s = 0; s < 2; s++) {
      System.out.printf(
          "%d thread(s), medians: wall %.2f s, process cpu %.2f s, calling thread cpu %.2f s,"
              + " collector (wall) %.3f s%n",
          s + 1, median(wall.get(s)), median(cpu.get(s)), median(main.get(s)), median(gc.get(s)));
    }
    double c1 = median(cpu.get(0));
    double c2 = median(cpu.get(1));
    double m2 = median(main.get(1));
    System.out.printf(
        "cpu 2 threads / 1 thread: %.2f; calling thread's share at 2 threads: %.0f %%;"
            + " best idle 2-core speed-up: %.2fx (rows written %d)%n",
        c2 / c1, 100 * m2 / c2, c1 / Math.max(m2, c2 / 2), written);
  }
}
