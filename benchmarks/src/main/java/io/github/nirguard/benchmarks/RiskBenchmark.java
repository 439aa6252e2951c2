package io.github.nirguard.benchmarks;

import io.github.nirguard.risk.RiskMeter;
import io.github.nirguard.risk.RiskReport;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Risk counting per person on a table of {@code rows} rows × 5 quasi-identifiers (sex, birth
 * year-month, department, blood group, ALD) and a pseudonym (two rows per person on average):
 * {@link RiskMeter} (on the calling thread, the default, and with its opt-in second thread) beside
 * the naive way, a {@code HashMap<String, Set<String>>} from the joined quasi-identifiers to the
 * set of pseudonyms, then each person's smallest class. Both compute the classes, k, the people and
 * the people in classes below 2, 5 and 10 from the same rows, built in the benchmark from the same
 * pools (the row array is refilled, so generation costs the same to both); the setup checks that
 * their figures are equal before anything is timed.
 *
 * <pre>{@code
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main RiskBenchmark -p rows=10000000
 * }</pre>
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class RiskBenchmark {
  static final List<String> HEADER =
      List.of("nir_token", "sex", "birth_date", "department", "blood_group", "ald");

  /** Rows in the table. */
  @Param({"1000000"})
  public int rows;

  String[] people;
  String[][] pools;
  int[] who;
  int[][] qi;

  @Setup
  public void setUp() throws IOException {
    SplittableRandom r = new SplittableRandom(18);
    int n = Math.max(1, rows / 2);
    people = new String[n];
    for (int i = 0; i < n; i++) {
      people[i] = "nt1.4f2a9c1e." + Long.toString(r.nextLong() & Long.MAX_VALUE, 32);
    }
    String[] months = new String[1200];
    for (int i = 0; i < months.length; i++) {
      months[i] = String.format("%04d-%02d", 1920 + i / 12, 1 + i % 12);
    }
    String[] depts = new String[101];
    for (int i = 0; i < depts.length; i++) {
      depts[i] = String.format("%02d", i + 1);
    }
    pools =
        new String[][] {
          {"1", "2"}, months, depts, {"O+", "A+", "B+", "AB+", "O-", "A-", "B-", "AB-"}, {"0", "1"}
        };
    who = new int[rows];
    qi = new int[5][rows];
    // a person's quasi-identifiers are fixed, except ALD, which may change between rows
    for (int i = 0; i < rows; i++) {
      int p = r.nextInt(n);
      who[i] = p;
      SplittableRandom pr = new SplittableRandom(p);
      qi[0][i] = pr.nextInt(2);
      qi[1][i] = pr.nextInt(1200);
      qi[2][i] = pr.nextInt(101);
      qi[3][i] = pr.nextInt(8);
      qi[4][i] = r.nextInt(10) == 0 ? 1 : 0;
    }
    bothCountTheSame();
  }

  private String[] row(String[] row, int i) {
    row[0] = people[who[i]];
    for (int q = 0; q < 5; q++) {
      row[q + 1] = pools[q][qi[q][i]];
    }
    return row;
  }

  /**
   * Checks, before timing, that both ways give the same classes, k, people and people below 2, 5
   * and 10 on this table: the peer is timed doing the same work.
   */
  private void bothCountTheSame() throws IOException {
    long before = heapAfterGc();
    long[] ours;
    try (RiskMeter m = filled(false)) {
      long held = heapAfterGc() - before; // the classes and the pair buffer, before the report
      ours = figures(m.report());
      System.out.printf(
          "%nRiskMeter holds %,d bytes after %,d rows (%,d classes)%n", held, rows, ours[0]);
    }
    try (RiskMeter m = filled(true)) {
      long[] two = figures(m.report());
      if (!java.util.Arrays.equals(ours, two)) {
        throw new IllegalStateException("RiskMeter on one thread and on two differ");
      }
    }
    before = heapAfterGc();
    Map<String, Set<String>> classes = naiveClasses();
    long held = heapAfterGc() - before;
    long[] naive = naiveFigures(classes);
    System.out.printf("naive map holds %,d bytes after %,d rows%n", held, rows);
    if (!java.util.Arrays.equals(ours, naive)) {
      throw new IllegalStateException(
          "RiskMeter and the naive count differ: "
              + java.util.Arrays.toString(ours)
              + " / "
              + java.util.Arrays.toString(naive));
    }
  }

  /** The heap in use after two collections (an estimate of what is reachable). */
  private static long heapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long[] figures(RiskReport r) {
    return new long[] {
      r.classes(), r.k(), r.people(), r.peopleBelow(2), r.peopleBelow(5), r.peopleBelow(10)
    };
  }

  private RiskMeter filled(boolean secondThread) throws IOException {
    RiskMeter m =
        RiskMeter.builder(HEADER)
            .quasiIdentifiers(HEADER.subList(1, 6))
            .person("nir_token")
            .secondThread(secondThread)
            .build();
    String[] row = new String[6];
    for (int i = 0; i < rows; i++) {
      m.add(row(row, i));
    }
    return m;
  }

  /** nirguard: exact, memory by classes plus a fixed spill buffer, on the calling thread. */
  @Benchmark
  public long riskMeter() throws IOException {
    try (RiskMeter m = filled(false)) {
      long[] f = figures(m.report());
      return f[1] * 31 + f[4];
    }
  }

  /** nirguard with its opt-in second thread (pseudonyms hashed and pairs sorted beside). */
  @Benchmark
  public long riskMeterSecondThread() throws IOException {
    try (RiskMeter m = filled(true)) {
      long[] f = figures(m.report());
      return f[1] * 31 + f[4];
    }
  }

  /** The naive peer: a set of pseudonyms per joined key, then each person's smallest class. */
  @Benchmark
  public long naiveHashMap() {
    long[] f = naiveFigures(naiveClasses());
    return f[1] * 31 + f[4];
  }

  private Map<String, Set<String>> naiveClasses() {
    Map<String, Set<String>> classes = new HashMap<>();
    String[] row = new String[6];
    for (int i = 0; i < rows; i++) {
      row(row, i);
      String key = String.join("\u0000", row[1], row[2], row[3], row[4], row[5]);
      classes.computeIfAbsent(key, x -> new HashSet<>()).add(row[0]);
    }
    return classes;
  }

  private static long[] naiveFigures(Map<String, Set<String>> classes) {
    long k = Long.MAX_VALUE;
    Map<String, Integer> smallest = new HashMap<>();
    for (Set<String> c : classes.values()) {
      k = Math.min(k, c.size());
      for (String p : c) {
        smallest.merge(p, c.size(), Math::min);
      }
    }
    long[] below = new long[3];
    int[] thresholds = {2, 5, 10};
    for (int s : smallest.values()) {
      for (int t = 0; t < 3; t++) {
        if (s < thresholds[t]) {
          below[t]++;
        }
      }
    }
    return new long[] {classes.size(), k, smallest.size(), below[0], below[1], below[2]};
  }
}
