package io.github.nirguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A companion to {@link GuardBenchmark} for a loaded machine: runs its three benchmark methods on
 * the same states (follow-ups off), in short alternating slices, and reports the median CPU time
 * per call of the measuring thread for each, which a neighbour's load disturbs far less than JMH's
 * wall time. The first quarter of the rounds is warm-up. JMH remains the measure. To compare two
 * builds of the guard, run it twice with the same benchmarks jar and each build's {@code nir-guard}
 * jar first on the class path, in turn.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     io.github.nirguard.benchmarks.GuardCpuCheck 200
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GuardCpuCheck {
  /** Calls per slice. */
  private static final int SLICE = 20_000;

  private GuardCpuCheck() {}

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * Runs the check.
   *
   * @param args the number of rounds (default 200)
   * @throws Exception if the setup fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    GuardBenchmark b = new GuardBenchmark();
    GuardBenchmark.Shared s = new GuardBenchmark.Shared();
    s.followUps = false;
    s.setup();
    GuardBenchmark.Local l = new GuardBenchmark.Local();
    l.setup(s);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String[] names = {"checkAccount", "checkAccountAndClient", "peerHmacToken"};
    List<List<Double>> times = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      times.add(new ArrayList<>());
    }
    long sink = 0;
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < names.length; k++) {
        int side = (k + round) % names.length; // in turn first
        long t0 = mx.getCurrentThreadCpuTime();
        for (int n = 0; n < SLICE; n++) {
          Object o =
              side == 0
                  ? b.checkAccount(s, l)
                  : side == 1 ? b.checkAccountAndClient(s, l) : b.peerHmacToken(s, l);
          sink += o.hashCode();
        }
        long t1 = mx.getCurrentThreadCpuTime();
        if (round >= rounds / 4) {
          times.get(side).add((t1 - t0) / (double) SLICE);
        }
      }
    }
    for (int i = 0; i < names.length; i++) {
      System.out.printf(
          java.util.Locale.ROOT,
          "%-22s median %.0f ns CPU per call (%d slices)%n",
          names[i],
          median(times.get(i)),
          times.get(i).size());
    }
    System.out.println(
        "decisions other than ALLOW: " + s.notAllowed.sum() + " (sink " + (sink & 1) + ")");
  }
}
