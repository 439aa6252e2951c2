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
 * {@link RiskMeter} beside the naive way, a {@code HashMap<String, Set<String>>} from the joined
 * quasi-identifiers to the set of pseudonyms, then each person's smallest class. Both compute k and
 * the people in classes below 5 from the same rows, built in the benchmark from the same pools (the
 * row array is refilled, so generation costs the same to both).
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
  public void setUp() {
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
  }

  private String[] row(String[] row, int i) {
    row[0] = people[who[i]];
    for (int q = 0; q < 5; q++) {
      row[q + 1] = pools[q][qi[q][i]];
    }
    return row;
  }

  /** nirguard: exact, memory by classes plus a fixed spill buffer. */
  @Benchmark
  public long riskMeter() throws IOException {
    try (RiskMeter m =
        RiskMeter.builder(HEADER)
            .quasiIdentifiers(HEADER.subList(1, 6))
            .person("nir_token")
            .build()) {
      String[] row = new String[6];
      for (int i = 0; i < rows; i++) {
        m.add(row(row, i));
      }
      RiskReport report = m.report();
      return report.k() * 31 + report.peopleBelow(5);
    }
  }

  /** The naive peer: a set of pseudonyms per joined key, then each person's smallest class. */
  @Benchmark
  public long naiveHashMap() {
    Map<String, Set<String>> classes = new HashMap<>();
    String[] row = new String[6];
    for (int i = 0; i < rows; i++) {
      row(row, i);
      String key = String.join("\u0000", row[1], row[2], row[3], row[4], row[5]);
      classes.computeIfAbsent(key, x -> new HashSet<>()).add(row[0]);
    }
    long k = Long.MAX_VALUE;
    Map<String, Integer> smallest = new HashMap<>();
    for (Set<String> c : classes.values()) {
      k = Math.min(k, c.size());
      for (String p : c) {
        smallest.merge(p, c.size(), Math::min);
      }
    }
    long below = smallest.values().stream().filter(s -> s < 5).count();
    return k * 31 + below;
  }
}
