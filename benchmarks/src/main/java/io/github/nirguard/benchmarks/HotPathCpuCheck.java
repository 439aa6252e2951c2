package io.github.nirguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A companion to {@link RecordEnvelopeBenchmark} and {@link TokenBenchmark} for a loaded machine:
 * runs their benchmark methods (same states, same setup checks) in short alternating slices, in
 * turn first, and reports the median CPU time per call of the measuring thread for each, which a
 * neighbour's load disturbs far less than JMH's wall time; ratios are medians of the per-round
 * ratios. The first quarter of the rounds is warm-up. JMH remains the measure; this only steadies
 * the ratio (as {@link VerifiedDecryptionCpuCheck} does for files).
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     io.github.nirguard.benchmarks.HotPathCpuCheck record 200
 * java -cp ... io.github.nirguard.benchmarks.HotPathCpuCheck prp 200
 * }</pre>
 *
 * @since 0.1.0
 */
public final class HotPathCpuCheck {
  /** Calls per slice: 10–40 ms each. */
  private static final int SLICE = 20_000;

  /** Every result is stored, so that none of the work can be optimised away. */
  private static final Object[] SINK = new Object[1024];

  private HotPathCpuCheck() {}

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** One side of a comparison: runs {@code n} calls. */
  private interface Side {
    void run(int n) throws Exception;
  }

  /**
   * Runs the check.
   *
   * @param args {@code record} or {@code prp}, then the number of rounds (default 200)
   * @throws Exception if a setup check fails
   */
  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "record";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    List<String> names = new ArrayList<>();
    List<Side> sides = new ArrayList<>();
    if (which.equals("record")) {
      RecordEnvelopeBenchmark b = new RecordEnvelopeBenchmark();
      RecordEnvelopeBenchmark.Keys k = new RecordEnvelopeBenchmark.Keys();
      k.setup();
      RecordEnvelopeBenchmark.Local l = new RecordEnvelopeBenchmark.Local();
      names.add("sealNirguard");
      sides.add(
          n -> {
            for (int i = 0; i < n; i++) {
              SINK[i & 1023] = b.sealNirguard(k, l);
            }
          });
      names.add("sealTinkRaw");
      sides.add(
          n -> {
            for (int i = 0; i < n; i++) {
              SINK[i & 1023] = b.sealTinkRaw(k, l);
            }
          });
      names.add("sealTinkBase64");
      sides.add(
          n -> {
            for (int i = 0; i < n; i++) {
              SINK[i & 1023] = b.sealTinkBase64(k, l);
            }
          });
    } else if (which.equals("prp")) {
      TokenBenchmark b = new TokenBenchmark();
      TokenBenchmark.Keys k = new TokenBenchmark.Keys();
      k.setup();
      TokenBenchmark.Local l = new TokenBenchmark.Local();
      l.setup(k);
      names.add("reversiblePrpNirguard");
      sides.add(
          n -> {
            for (int i = 0; i < n; i++) {
              SINK[i & 1023] = b.reversiblePrpNirguard(k, l);
            }
          });
      names.add("reversibleSivTink");
      sides.add(
          n -> {
            for (int i = 0; i < n; i++) {
              SINK[i & 1023] = b.reversibleSivTink(k, l);
            }
          });
    } else {
      throw new IllegalArgumentException("record or prp");
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int m = sides.size();
    List<List<Double>> cpu = new ArrayList<>();
    for (int s = 0; s < m; s++) {
      cpu.add(new ArrayList<>());
    }
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < m; j++) {
        int s = (r + j) % m; // each side first in turn
        long start = threads.getCurrentThreadCpuTime();
        sides.get(s).run(SLICE);
        double ns = (threads.getCurrentThreadCpuTime() - start) / (double) SLICE;
        if (r >= rounds / 4) {
          cpu.get(s).add(ns);
        }
      }
    }
    StringBuilder out = new StringBuilder(which).append(": CPU ns/call, median of ");
    out.append(cpu.get(0).size()).append(" rounds:");
    for (int s = 0; s < m; s++) {
      out.append(String.format(Locale.ROOT, " %s %.1f;", names.get(s), median(cpu.get(s))));
    }
    out.append(" per-round ratios (medians):");
    for (int a = 0; a < m; a++) {
      for (int c = 0; c < m; c++) {
        if (a == c) {
          continue;
        }
        List<Double> ratio = new ArrayList<>();
        for (int r = 0; r < cpu.get(0).size(); r++) {
          ratio.add(cpu.get(a).get(r) / cpu.get(c).get(r));
        }
        out.append(
            String.format(
                Locale.ROOT, " %s / %s %.3f;", names.get(a), names.get(c), median(ratio)));
      }
    }
    System.out.println(out);
  }
}
